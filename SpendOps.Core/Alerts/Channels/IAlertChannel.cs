namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// Sends one notice to one recipient of its <see cref="Kind"/>. Throws <see cref="AlertDeliveryException"/> with a
/// message an admin can act on (never a secret) when the receiver did not accept it; the dispatcher retries or gives up.
/// </summary>
public interface IAlertChannel
{
    AlertChannelKind Kind { get; }

    /// <param name="deliveryId">The same on every retry to this recipient, so a receiver can drop duplicates.</param>
    Task SendAsync(AlertRecipient recipient, AlertNotice notice, Guid deliveryId, CancellationToken cancellationToken);
}
