using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// The facts of a period summed by everything a budget's scope can select on (<see cref="BudgetSpendBatch"/>). A class
/// with settable members so EF can project into it.
/// </summary>
internal sealed class BudgetSpendGroup
{
    public Guid TenantId { get; set; }
    /// <summary>Null unless a scope of the batch names providers; so are the source and the models.</summary>
    public string? Provider { get; set; }
    public UsageSource? Source { get; set; }
    public string? ModelRequested { get; set; }
    public string? ModelReported { get; set; }

    /// <summary>Null unless the facts were grouped by key.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>The value of the dimension the facts were grouped by; null when the calls have none or there is none.</summary>
    public string? DimensionValue { get; set; }

    public decimal CostUsd { get; set; }
    public long UnpricedCalls { get; set; }

    /// <summary>The models as the database's <c>lower()</c> returns them, set once after reading for every budget's patterns.</summary>
    public string? ModelRequestedLower { get; set; }
    public string? ModelReportedLower { get; set; }
}
