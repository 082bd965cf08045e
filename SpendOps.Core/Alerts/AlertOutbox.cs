using System.Text.Json;
using SpendOps.Core.Alerts.Channels;
using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Hands notices to the delivery job: <see cref="Enqueue"/> adds one delivery per recipient to <paramref name="db"/>,
/// saved in the caller's transaction with the alert that caused it, so an alert is never recorded without its
/// deliveries nor delivered without being recorded. Once that save succeeds, the dispatch job is started
/// (<see cref="AlertDispatchTrigger"/>) instead of waiting for its schedule.
/// </summary>
public sealed class AlertOutbox(AlertDispatchTrigger? trigger = null)
{
    public void Enqueue(SpendOpsDbContext db, IReadOnlyList<AlertRecipient> recipients, AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(notice);
        if (recipients.Count == 0)
            return;
        var json = JsonSerializer.Serialize(notice, AlertJson.Options);
        foreach (var recipient in recipients)
            db.AlertDeliveries.Add(New(recipient, notice, json));
        if (trigger is not null)
            WakeDispatcherAfterSave(db, trigger);
    }

    internal static AlertDelivery New(AlertRecipient recipient, AlertNotice notice, string noticeJson) => new()
    {
        TenantId = notice.TenantId,
        AlertId = notice.AlertId,
        Recipient = recipient.ToString(),
        Channel = recipient.Kind,
        Kind = notice.Kind,
        BudgetName = notice.BudgetName,
        NoticeJson = noticeJson,
        Status = AlertDeliveryStatus.Pending,
        NextAttemptAt = notice.RaisedAt,
        CreatedAt = notice.RaisedAt,
    };

    // After the save, not now: a dispatcher woken before the commit would find nothing and the alert would wait for the schedule.
    private static void WakeDispatcherAfterSave(SpendOpsDbContext db, AlertDispatchTrigger trigger)
    {
        void OnSaved(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
        {
            db.SavedChanges -= OnSaved;
            trigger.Poke();
        }
        db.SavedChanges += OnSaved;
    }
}
