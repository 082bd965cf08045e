namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>Which usage field a cost or token data point adds to.</summary>
internal enum MetricField
{
    CostUsd,
    InputTokens,
    OutputTokens,
    CacheReadTokens,
    CacheCreationTokens,
}
