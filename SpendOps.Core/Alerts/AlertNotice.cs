namespace SpendOps.Core.Alerts;

/// <summary>
/// What a notification says, whatever the channel: which budget, what happened, the numbers and the period.
/// <see cref="AlertId"/> is the alert's own id, the same in every channel and retry, so receivers can drop duplicates.
/// </summary>
public sealed record AlertNotice(
    Guid AlertId,
    Guid TenantId,
    string TenantName,
    Guid? BudgetId,
    string BudgetName,
    AlertKind Kind,
    int? ThresholdPercent,
    decimal SpendUsd,
    decimal AmountUsd,
    decimal? ForecastUsd,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset RaisedAt);
