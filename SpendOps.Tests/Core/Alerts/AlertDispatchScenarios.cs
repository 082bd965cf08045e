using Microsoft.AspNetCore.Http;
using SpendOps.Core.Alerts;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>
/// Retries, giving up and two instances racing, on every database: the claim is a conditional UPDATE whose
/// behaviour under concurrency is the database's, so each engine runs the same scenarios (see the wrapper classes).
/// </summary>
public abstract class AlertDispatchScenarios : IAsyncLifetime
{
    private TestDatabase database = null!;
    private FakeUpstream receiver = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        receiver = await FakeUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await database.DisposeAsync();
    }

    protected async Task Dispatch_ReceiverFailsTwiceThenAccepts_RetriedWithBackoffAndSentAsync()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");
        var calls = 0;
        receiver.Handler = context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"webhook:{receiver.BaseUrl}/hooks");
        var error = $"HTTP 500 Internal Server Error from {new Uri(receiver.BaseUrl).Authority}.";

        // 09:00:00 first attempt fails; backoff 30 s (Alerts:RetryBaseDelaySeconds).
        Assert.Equal(new AlertDispatchResult(Retrying: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        var afterFirst = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal((AlertDeliveryStatus.Pending, 1, error), (afterFirst.Status, afterFirst.Attempts, afterFirst.LastError));
        Assert.Equal(AlertsTestHost.Start.AddSeconds(30), afterFirst.NextAttemptAt);

        // 09:00:29 is too early: nothing is claimed, nothing is sent.
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(29);
        Assert.Equal(new AlertDispatchResult(), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(1, calls);

        // 09:00:30 second attempt fails; the wait doubles to 60 s.
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(30);
        Assert.Equal(new AlertDispatchResult(Retrying: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(AlertsTestHost.Start.AddSeconds(90), Assert.Single(await host.DeliveriesAsync()).NextAttemptAt);

        // 09:01:30 third attempt is accepted.
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(90);
        Assert.Equal(new AlertDispatchResult(Sent: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Header("X-SpendOps-Delivery")).Distinct());
        await using var db = await host.CreateContextAsync();
        var log = await AlertDeliveryQueries.PageAsync(db, new AlertDeliveryFilter(tenant.Id), 0, 25, CancellationToken.None);
        var line = Assert.Single(log.Items);
        Assert.Equal((AlertDeliveryStatus.Sent, 3, error), (line.Status, line.Attempts, line.LastError));
        Assert.Equal(AlertsTestHost.Start.AddSeconds(90), line.SentAt);
        Assert.Equal("webhook:http://" + new Uri(receiver.BaseUrl).Authority + "/…", line.Recipient);
    }

    protected async Task Dispatch_ReceiverAlwaysFails_FailedAfterMaxAttemptsAsync()
    {
        using var host = await AlertsTestHost.CreateAsync(database, [new("Alerts:MaxAttempts", "3")]);
        var tenant = await host.AddTenantAsync("acme");
        receiver.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"slack:{receiver.BaseUrl}/services/x");

        // Attempts at 09:00:00, 09:00:30 (+30 s) and 09:01:30 (+60 s); then no more.
        Assert.Equal(new AlertDispatchResult(Retrying: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(30);
        Assert.Equal(new AlertDispatchResult(Retrying: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(90);
        Assert.Equal(new AlertDispatchResult(Failed: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        host.Clock.Now = AlertsTestHost.Start.AddHours(2);
        Assert.Equal(new AlertDispatchResult(), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(3, receiver.Requests.Count);
        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal((AlertDeliveryStatus.Failed, 3), (delivery.Status, delivery.Attempts));
        Assert.Equal($"HTTP 503 Service Unavailable from {new Uri(receiver.BaseUrl).Authority}.", delivery.LastError);
        Assert.Null(delivery.SentAt);
    }

    protected async Task Dispatch_TwoInstancesRace_EachDeliverySentOnceAsync()
    {
        using var first = await AlertsTestHost.CreateAsync(database);
        using var second = await AlertsTestHost.CreateAsync(database);
        var tenant = await first.AddTenantAsync("acme");
        receiver.Handler = async context =>
        {
            // Slow enough that both instances are working through the same list at once.
            await Task.Delay(15);
            context.Response.StatusCode = StatusCodes.Status200OK;
        };
        const int recipients = 30;
        await first.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start),
            Enumerable.Range(0, recipients).Select(i => $"webhook:{receiver.BaseUrl}/r/{i}").ToArray());

        var results = await Task.WhenAll(
            Task.Run(() => first.Dispatcher.DispatchDueAsync(CancellationToken.None)),
            Task.Run(() => second.Dispatcher.DispatchDueAsync(CancellationToken.None)));

        Assert.Equal(recipients, results.Sum(r => r.Sent));
        Assert.Equal(recipients, receiver.Requests.Count);
        Assert.Equal(recipients, receiver.Requests.Select(r => r.Path).Distinct().Count());
        var deliveries = await first.DeliveriesAsync();
        Assert.All(deliveries, d => Assert.Equal((AlertDeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        Assert.Equal(deliveries.Select(d => d.Id.ToString()).Order(), receiver.Requests.Select(r => r.Header("X-SpendOps-Delivery")!).Order());
    }

    protected async Task Dispatch_SenderDiedMidAttempt_ClaimedAgainAfterLeaseAsync()
    {
        using var host = await AlertsTestHost.CreateAsync(database, [new("Alerts:LeaseSeconds", "120")]);
        var tenant = await host.AddTenantAsync("acme");
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"webhook:{receiver.BaseUrl}/hooks");
        await using (var db = await host.CreateContextAsync())
        {
            // What an instance that claimed the delivery and then stopped leaves behind.
            var delivery = db.AlertDeliveries.Single();
            delivery.Status = AlertDeliveryStatus.Sending;
            delivery.Attempts = 1;
            delivery.LeaseId = Guid.NewGuid();
            delivery.LeaseExpiresAt = AlertsTestHost.Start.AddSeconds(120);
            await db.SaveChangesAsync();
        }

        host.Clock.Now = AlertsTestHost.Start.AddSeconds(119);
        Assert.Equal(new AlertDispatchResult(), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));
        host.Clock.Now = AlertsTestHost.Start.AddSeconds(120);
        Assert.Equal(new AlertDispatchResult(Sent: 1), await host.Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Single(receiver.Requests);
        var sent = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal((AlertDeliveryStatus.Sent, 2), (sent.Status, sent.Attempts));
    }
}
