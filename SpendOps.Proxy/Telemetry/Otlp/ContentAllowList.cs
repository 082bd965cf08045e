namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// The record and data point attributes Claude Code, Cowork and Office agents document or were seen sending that
/// carry no conversation content (see <c>reference/claude-code-otel.md</c> and
/// <c>SpendOps.Tests/Fixtures/claude-code-captures/</c>). Deliberately absent: <c>prompt</c>, <c>response</c>,
/// <c>body</c>, <c>body_ref</c>, <c>tool_parameters</c>, <c>tool_input</c>, <c>tool_output</c>, <c>error</c> (a tool error
/// can quote its output), <c>workspace.host_paths</c>. A new harmless attribute is added here once a sender is seen with it;
/// until then it is stored as <c>&lt;REDACTED&gt;</c>, which costs nothing (usage never depends on the stored copy).
/// </summary>
internal static class ContentAllowList
{
    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        // Standard attributes and event envelope
        "session.id", "app.version", "app.entrypoint", "organization.id", "user.account_uuid", "user.account_id", "user.id",
        "user.email", "user.groups", "identity.source", "terminal.type", "prompt.id", "workflow.run_id", "workflow.name",
        "event.name", "event.timestamp", "event.sequence", "message.uuid", "team.id",
        // api_request, api_error, api_refusal
        "model", "cost_usd", "cost_usd_micros", "duration_ms", "ttft_ms", "input_tokens", "output_tokens", "cache_read_tokens",
        "cache_creation_tokens", "cache_creation_5m_tokens", "cache_creation_1h_tokens", "request_id", "client_request_id", "speed",
        "query_source", "effort", "agent.name", "skill.name", "plugin.name", "plugin.scope", "plugin_id_hash", "marketplace.name",
        "mcp_server.name", "mcp_tool.name", "mcp_server_scope", "anthropic.provider", "anthropic.custom_base_url", "status_code",
        "attempt", "server_fallback_hop", "has_category", "has_explanation", "category",
        // user_prompt, assistant_response, raw body events: lengths only
        "prompt_length", "response_length", "command_name", "command_source", "body_length", "body_truncated",
        // tool_result, tool_decision
        "tool_name", "tool_use_id", "tool_source", "success", "error_type", "decision", "decision_type", "decision_source", "source",
        "tool_input_size_bytes", "tool_result_size_bytes",
        // metrics
        "type", "start_type", "language",
        // session and housekeeping events
        "permission_mode", "enabled_via", "safe_mode", "has_hooks", "has_mcp", "host_owned_mcp", "agent_path_count",
        "command_path_count", "skill_path_count", "managed_settings.helper.applied", "managed_settings.helper.state",
        "managed_settings.source_behavior", "managed_settings.sources", "managed_settings.trigger", "result", "used_default",
        "error_count", "period_days", "artifacts_deleted", "files_past_cutoff", "files_retained_fresh", "history_entries_pruned",
        "session_files_deleted", "transcripts_deleted", "transcripts_exempted_desktop",
    };

    public static bool IsAllowed(string key) => Attributes.Contains(key);

    /// <summary>An event name as Claude Code writes it in the log body: <c>claude_code.</c> and a lower-case name.</summary>
    public static bool IsEventName(string text) =>
        text.Length <= 100 && text.StartsWith("claude_code.", StringComparison.Ordinal)
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');
}
