using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage;

/// <summary>
/// Which usage records a query covers. Null members do not filter; the period is [From, To). <see cref="Scope"/> always
/// filters: a filter whose scope was never set throws when a query applies it, rather than reading every tenant.
/// </summary>
public sealed record UsageFilter
{
    /// <summary>Whose records; unset on a filter that only describes the other criteria (a link, a form).</summary>
    public TenantScope Scope { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ApiKeyId { get; init; }

    /// <summary>Only calls made with one of these keys (the budgets scoped to keys, read together).</summary>
    public IReadOnlyList<string>? ApiKeyIds { get; init; }

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
