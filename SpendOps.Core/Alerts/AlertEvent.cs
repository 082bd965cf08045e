using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Alerts;

/// <summary>
/// An alert a budget raised: a threshold its period spend reached, or a forecast that passes its amount. One row per
/// budget, period, kind and threshold (a unique index), so each fires once however many instances evaluate.
/// </summary>
public sealed class AlertEvent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>Null once the budget was deleted; <see cref="BudgetName"/> keeps the history readable.</summary>
    public Guid? BudgetId { get; set; }

    public required string BudgetName { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public AlertKind Kind { get; set; }

    /// <summary>The threshold reached, in percent of the amount; 100 for a forecast alert (the projection passes the amount).</summary>
    public int ThresholdPercent { get; set; }

    public decimal SpendUsd { get; set; }
    public decimal AmountUsd { get; set; }
    public decimal? ForecastUsd { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}
