namespace SpendOps.Core.Usage;

/// <summary>One row of the usage explorer: the columns it shows, nothing more.</summary>
public sealed record UsageListItem(
    long Id,
    string RequestId,
    DateTimeOffset Timestamp,
    string Provider,
    string Endpoint,
    string? Model,
    string? ApiKeyId,
    Dictionary<string, string> Dims,
    long InputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long OutputTokens,
    decimal? CostUsd,
    CostSource? CostSource,
    int StatusCode,
    UsageSource Source,
    bool Estimated,
    PricingStatus PricingStatus,
    bool UsageComplete)
{
    public long TotalTokens => InputTokens + CacheReadTokens + CacheWriteTokens + OutputTokens;
}
