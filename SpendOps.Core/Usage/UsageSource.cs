namespace SpendOps.Core.Usage;

public enum UsageSource
{
    /// <summary>Measured by the proxy from the provider's response.</summary>
    Proxy = 0,

    /// <summary>Estimated from telemetry (Claude Code OTLP) for traffic that never passed the proxy.</summary>
    Telemetry = 1,
}
