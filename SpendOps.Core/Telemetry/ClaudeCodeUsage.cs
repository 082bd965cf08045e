namespace SpendOps.Core.Telemetry;

/// <summary>Names that mark usage records derived from Claude telemetry, shared by the ingest and the supersession rules.</summary>
public static class ClaudeCodeUsage
{
    public const string Provider = "anthropic";

    /// <summary><see cref="Usage.UsageRecord.Endpoint"/> of a record from one <c>api_request</c> event (one model call).</summary>
    public const string ApiRequestEndpoint = "claude_code.api_request";

    /// <summary><see cref="Usage.UsageRecord.Endpoint"/> of a record from <c>claude_code.cost.usage</c> / <c>claude_code.token.usage</c> increments.</summary>
    public const string MetricsEndpoint = "claude_code.metrics";

    /// <summary>Dimension holding Claude Code's session UUID; events and metrics of one session share it.</summary>
    public const string SessionDimension = "session.id";

    /// <summary>Dimension holding Claude Code's per-install id, the fallback scope for metrics sent without a session id.</summary>
    public const string InstallDimension = "user.id";
}
