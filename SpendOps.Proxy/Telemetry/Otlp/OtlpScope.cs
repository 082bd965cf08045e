namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>The instrumentation scope (<c>com.anthropic.claude_code</c>, ...). Kept for the stored copy only: never used to filter.</summary>
internal sealed record OtlpScope(string? Name, string? Version, OtlpAttributes Attributes);
