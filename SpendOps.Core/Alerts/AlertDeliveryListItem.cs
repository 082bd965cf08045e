namespace SpendOps.Core.Alerts;

/// <summary>A line of the delivery log. <see cref="Recipient"/> is the display form: webhook URLs cut to their host.</summary>
public sealed record AlertDeliveryListItem(
    Guid Id,
    Guid AlertId,
    DateTimeOffset CreatedAt,
    string Recipient,
    AlertChannelKind Channel,
    AlertKind Kind,
    string BudgetName,
    AlertDeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt);
