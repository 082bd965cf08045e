namespace SpendOps.Core.Keys;

/// <summary>Scopes an <see cref="IngestKey"/> can carry. A key without the needed scope gets 403 "invalid scope".</summary>
public static class IngestKeyScopes
{
    /// <summary>Send usage telemetry (OTLP metrics and logs).</summary>
    public const string UsageWrite = "usage:write";

    public static IReadOnlyList<string> All { get; } = [UsageWrite];
}
