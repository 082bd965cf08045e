namespace SpendOps.Core.Alerts;

/// <summary>The outcome of "send a test notification": the delivery-log entry, and the error when it was not delivered.</summary>
public sealed record TestNotificationResult(Guid DeliveryId, AlertRecipient Recipient, AlertDeliveryStatus Status, string? Error)
{
    public bool Delivered => Status == AlertDeliveryStatus.Sent;
}
