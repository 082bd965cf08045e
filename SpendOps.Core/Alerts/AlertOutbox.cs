using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Hands notices to the delivery job: <see cref="Enqueue"/> adds one delivery per recipient to <paramref name="db"/>,
/// saved in the caller's transaction with the alert that caused it, so an alert is never recorded without its
/// deliveries nor delivered without being recorded.
/// </summary>
public sealed class AlertOutbox
{
    public void Enqueue(SpendOpsDbContext db, IReadOnlyList<AlertRecipient> recipients, AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(notice);
        if (recipients.Count == 0)
            return;
        throw new NotImplementedException("Alert deliveries are not stored yet.");
    }
}
