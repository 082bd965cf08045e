namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// One row a total is summed from: a single call (<see cref="Calls"/> 1) or an hour's rollup of many, with the same
/// keys either way, so a query sums facts without knowing which it got (<see cref="UsageFacts"/>). A class with
/// settable members, in one order everywhere, so EF can union the projections of records and rollups.
/// </summary>
public sealed class UsageFact
{
    public Guid TenantId { get; init; }

    /// <summary>The call's time, or the rollup's hour.</summary>
    public DateTimeOffset Timestamp { get; init; }

    public string Provider { get; init; } = "";
    public string Endpoint { get; init; } = "";
    public string? ModelRequested { get; init; }
    public string? ModelReported { get; init; }
    public string? ApiKeyId { get; init; }
    public UsageSource Source { get; init; }
    public bool Estimated { get; init; }
    public bool UsageComplete { get; init; }
    public PricingStatus PricingStatus { get; init; }
    public CostSource? CostSource { get; init; }
    public bool HasProviderCost { get; init; }
    public long Calls { get; init; }
    public long InputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long OutputTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public decimal CostUsd { get; init; }
    public decimal ProviderCostUsd { get; init; }

    /// <summary>The value of the dimension a query groups by; null when the calls have none.</summary>
    public string? DimensionValue { get; init; }

    /// <summary>
    /// A dimension rollup's row while grouping by its dimension: its calls are under their value here and, since the
    /// rollups without a dimension count every call, in the null group too, until <see cref="UsageFactTotals"/> takes
    /// them out of it.
    /// </summary>
    public bool AlsoCountedWithoutValue { get; init; }
}
