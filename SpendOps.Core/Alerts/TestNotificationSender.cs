using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpendOps.Core.Alerts.Channels;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>
/// "Send a test notification": an <see cref="AlertKind.Test"/> notice to one recipient, sent now while the admin waits,
/// and recorded in the delivery log like any other. It is not retried: the admin sees the error and fixes the address
/// or the configuration.
/// </summary>
public sealed class TestNotificationSender(
    IDbContextFactory<SpendOpsDbContext> contexts,
    AlertDispatcher dispatcher,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider clock)
{
    public async Task<TestNotificationResult> SendAsync(Guid tenantId, string recipientText, string actor, CancellationToken cancellationToken)
    {
        var recipient = AlertRecipient.Parse(recipientText);
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var leaseId = Guid.NewGuid();
        AlertDelivery delivery;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
                ?? throw new DomainException($"Tenant {tenantId} does not exist.");
            var notice = new AlertNotice(Guid.NewGuid(), tenant.Id, tenant.Name, null, "Test notification", AlertKind.Test, null, 0m, 0m, null, now, now, now);
            delivery = AlertOutbox.New(recipient, notice, JsonSerializer.Serialize(notice, AlertJson.Options));
            // Claimed from the start, so no dispatch run sends it as well.
            delivery.Status = AlertDeliveryStatus.Sending;
            delivery.Attempts = 1;
            delivery.LeaseId = leaseId;
            delivery.LeaseExpiresAt = now.AddSeconds(settings.LeaseSeconds);
            db.AlertDeliveries.Add(delivery);
            new AuditLog(db, clock).Record(tenant.Id, actor, "alert.test_sent", "AlertDelivery", delivery.Id.ToString(), recipient.Display);
            await db.SaveChangesAsync(cancellationToken);
        }
        var status = await dispatcher.SendClaimedAsync(delivery, leaseId, settings, cancellationToken, retry: false);
        string? error = null;
        if (status != AlertDeliveryStatus.Sent)
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            error = await db.AlertDeliveries.Where(d => d.Id == delivery.Id).Select(d => d.LastError).SingleAsync(CancellationToken.None);
        }
        return new TestNotificationResult(delivery.Id, recipient, status, error);
    }
}
