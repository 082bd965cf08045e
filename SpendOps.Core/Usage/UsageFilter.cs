namespace SpendOps.Core.Usage;

/// <summary>Which usage records a query covers. Null members do not filter; the period is [From, To).</summary>
public sealed record UsageFilter
{
    public Guid? TenantId { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ApiKeyId { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public UsageSource? Source { get; init; }
    public bool? Estimated { get; init; }
    public PricingStatus? PricingStatus { get; init; }
    public bool? UsageComplete { get; init; }

    /// <summary>
    /// True: only records with no cost yet (unpriced, or pending the pricing job), the records the summary's
    /// <c>Unpriced</c> column counts. False: only records that have been priced or are not billable.
    /// </summary>
    public bool? Unpriced { get; init; }

    /// <summary>Only calls with this HTTP status class: 2 for 2xx, 4 for 4xx, 5 for 5xx.</summary>
    public int? StatusClass { get; init; }

    public IReadOnlyDictionary<string, string>? Dims { get; init; }

    /// <summary>Also show records superseded by another record of the same spend (audit views only).</summary>
    public bool IncludeSuperseded { get; init; }
}
