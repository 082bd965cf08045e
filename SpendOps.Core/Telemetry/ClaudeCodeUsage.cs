namespace SpendOps.Core.Telemetry;

/// <summary>Names that mark usage records derived from Claude telemetry, shared by the ingest and the supersession rules.</summary>
public static class ClaudeCodeUsage
{
    public const string Provider = "anthropic";

    /// <summary><see cref="Usage.UsageRecord.Endpoint"/> of a record from one <c>api_request</c> event (one model call).</summary>
    public const string ApiRequestEndpoint = "claude_code.api_request";

    /// <summary><see cref="Usage.UsageRecord.Endpoint"/> of a record from <c>claude_code.cost.usage</c> / <c>claude_code.token.usage</c> increments.</summary>
    public const string MetricsEndpoint = "claude_code.metrics";

    /// <summary>
    /// Above this, a cost on one event or data point is a sender bug, not spend: it is left out (the field only)
    /// rather than stored, so one bad value cannot dwarf a tenant's real totals or overflow the cost column.
    /// </summary>
    public const decimal MaxPlausibleCostUsd = 100_000m;

    /// <summary>Dimension holding Claude Code's session UUID; events and metrics of one session share it.</summary>
    public const string SessionDimension = "session.id";

    /// <summary>Dimension holding Claude Code's per-install id, the fallback scope for metrics sent without a session id.</summary>
    public const string InstallDimension = "user.id";
}
