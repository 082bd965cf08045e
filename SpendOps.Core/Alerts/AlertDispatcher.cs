using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Alerts.Channels;
using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Sends due deliveries. Each one is claimed first with a conditional UPDATE (due, and still pending or with an expired
/// lease) that only one dispatcher can win, checked by the rows it changed: instances sharing a database never send
/// the same delivery twice, whatever their timing. The outcome is written only by the lease holder. Failures are
/// retried with exponential backoff (<see cref="AlertRetrySchedule"/>) until <c>Alerts:MaxAttempts</c>.
/// </summary>
public sealed partial class AlertDispatcher(
    IDbContextFactory<SpendOpsDbContext> contexts,
    IEnumerable<IAlertChannel> channels,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertDispatcher> logger)
{
    private readonly Dictionary<AlertChannelKind, IAlertChannel> byKind = channels.ToDictionary(c => c.Kind);

    public async Task<AlertDispatchResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.AlertDeliveries.AsNoTracking().Where(IsDue(clock.GetUtcNow()))
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        }
        var result = new AlertDispatchResult();
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, settings, cancellationToken) is not { } claimed)
                continue;
            result = result.Add(await SendClaimedAsync(claimed.Delivery, claimed.LeaseId, settings, cancellationToken));
        }
        return result;
    }

    /// <summary>Sends one delivery this dispatcher holds the lease of and records the outcome; used by the test notification too.</summary>
    internal async Task<AlertDeliveryStatus> SendClaimedAsync(AlertDelivery delivery, Guid leaseId, AlertsOptions settings, CancellationToken cancellationToken, bool retry = true)
    {
        string? error;
        var permanent = false;
        try
        {
            var notice = JsonSerializer.Deserialize<AlertNotice>(delivery.NoticeJson, AlertJson.Options)!;
            var recipient = AlertRecipient.Parse(delivery.Recipient);
            if (!byKind.TryGetValue(recipient.Kind, out var channel))
                throw new AlertDeliveryException($"No channel sends {recipient.Kind} notifications.", permanent: true);
            await channel.SendAsync(recipient, notice, delivery.Id, cancellationToken);
            error = null;
        }
        catch (AlertDeliveryException e)
        {
            error = e.Message;
            permanent = e.Permanent;
        }
        catch (Exception e) when (e is DomainException or JsonException)
        {
            error = "The stored notice or recipient cannot be read: " + e.Message;
            permanent = true;
        }
        // The channel's last network read may have completed on the socket event thread (inline socket completions,
        // on with SQLite): the outcome's database write goes to the thread pool rather than hold every socket's events.
        await Task.Yield();

        var now = clock.GetUtcNow();
        AlertDeliveryStatus status;
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var mine = db.AlertDeliveries.Where(d => d.Id == delivery.Id && d.LeaseId == leaseId);
        int updated;
        if (error is null)
        {
            status = AlertDeliveryStatus.Sent;
            // Not the caller's token: the receiver has the message, so the log must say so even during shutdown.
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status).SetProperty(d => d.SentAt, now)
                .SetProperty(d => d.LeaseId, (Guid?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
            LogSent(logger, delivery.Id, delivery.Channel, Display(delivery), delivery.Attempts);
        }
        else
        {
            var giveUp = permanent || !retry || delivery.Attempts >= settings.MaxAttempts;
            status = giveUp ? AlertDeliveryStatus.Failed : AlertDeliveryStatus.Pending;
            var next = giveUp ? now : now + AlertRetrySchedule.DelayAfter(delivery.Attempts, settings);
            var stored = Truncate(error);
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status).SetProperty(d => d.LastError, stored).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LeaseId, (Guid?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
            if (!retry)
                LogTestFailed(logger, delivery.Id, delivery.Channel, Display(delivery), stored);
            else if (giveUp)
                LogGaveUp(logger, delivery.Id, delivery.Channel, Display(delivery), delivery.Attempts, stored);
            else
                LogRetrying(logger, delivery.Id, delivery.Channel, Display(delivery), delivery.Attempts, settings.MaxAttempts, next, stored);
        }
        if (updated == 0)
            LogLeaseLost(logger, delivery.Id);
        return status;
    }

    private async Task<(AlertDelivery Delivery, Guid LeaseId)?> TryClaimAsync(Guid id, AlertsOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseId = Guid.NewGuid();
        var leaseExpiresAt = now.AddSeconds(settings.LeaseSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The condition is evaluated again by the UPDATE itself: on PostgreSQL a second UPDATE waiting on the row's lock
        // re-checks it after the first commits (and then matches nothing); SQLite runs one writer at a time.
        var claimed = await db.AlertDeliveries.Where(d => d.Id == id).Where(IsDue(now)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, AlertDeliveryStatus.Sending)
            .SetProperty(d => d.LeaseId, leaseId)
            .SetProperty(d => d.LeaseExpiresAt, leaseExpiresAt)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        if (claimed == 0)
            return null;
        var delivery = await db.AlertDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        return (delivery, leaseId);
    }

    private static Expression<Func<AlertDelivery, bool>> IsDue(DateTimeOffset now) => d =>
        (d.Status == AlertDeliveryStatus.Pending && d.NextAttemptAt <= now)
        || (d.Status == AlertDeliveryStatus.Sending && d.LeaseExpiresAt <= now);

    private static string Display(AlertDelivery delivery) =>
        AlertRecipient.TryParse(delivery.Recipient, out var recipient, out _) ? recipient.Display : delivery.Channel.ToString();

    private static string Truncate(string error) =>
        error.Length <= AlertDeliveryConfiguration.MaxErrorLength ? error : error[..(AlertDeliveryConfiguration.MaxErrorLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert delivery {DeliveryId} sent by {Channel} to {Recipient} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, Guid deliveryId, AlertChannelKind channel, string recipient, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId} by {Channel} to {Recipient} failed (attempt {Attempt} of {MaxAttempts}); next attempt at {NextAttemptAt}: {Error}")]
    private static partial void LogRetrying(ILogger logger, Guid deliveryId, AlertChannelKind channel, string recipient, int attempt, int maxAttempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert delivery {DeliveryId} by {Channel} to {Recipient} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, AlertChannelKind channel, string recipient, int attempts, string error);

    // Information, not an error: the admin who asked for the test sees the failure at once, and nothing is lost.
    [LoggerMessage(Level = LogLevel.Information, Message = "Test notification {DeliveryId} by {Channel} to {Recipient} was not delivered: {Error}")]
    private static partial void LogTestFailed(ILogger logger, Guid deliveryId, AlertChannelKind channel, string recipient, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId}: the lease expired before the outcome was recorded (raise Alerts:LeaseSeconds); another dispatcher may send it again")]
    private static partial void LogLeaseLost(ILogger logger, Guid deliveryId);
}
