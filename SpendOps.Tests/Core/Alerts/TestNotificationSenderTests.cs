using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Alerts;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>"Send a test notification": sent now, once, recorded in the delivery log and the audit trail.</summary>
public sealed class TestNotificationSenderTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private FakeUpstream receiver = null!;

    public async Task InitializeAsync() => receiver = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Webhook_SentNowAsATestAndAudited()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");

        var result = await host.Services.GetRequiredService<TestNotificationSender>()
            .SendAsync(tenant.Id, $"webhook:{receiver.BaseUrl}/hooks", "admin@acme.test", CancellationToken.None);

        Assert.True(result.Delivered);
        var request = Assert.Single(receiver.Requests);
        using var payload = System.Text.Json.JsonDocument.Parse(request.Body);
        Assert.Equal("test", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, payload.RootElement.GetProperty("budget").ValueKind);
        Assert.Equal("https://spendops.example.com/notifications", payload.RootElement.GetProperty("portalUrl").GetString());
        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal((result.DeliveryId, AlertDeliveryStatus.Sent, AlertKind.Test, 1), (delivery.Id, delivery.Status, delivery.Kind, delivery.Attempts));
        await using var db = await host.CreateContextAsync();
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "alert.test_sent");
        Assert.Equal((tenant.Id, "admin@acme.test", delivery.Id.ToString()), (audit.TenantId, audit.Actor, audit.EntityId));
        Assert.Equal($"webhook:http://{new Uri(receiver.BaseUrl).Authority}/…", audit.Details);
    }

    [Fact]
    public async Task SendAsync_ReceiverFails_FailedAtOnceWithTheErrorAndNotRetried()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");
        receiver.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };

        var result = await host.Services.GetRequiredService<TestNotificationSender>()
            .SendAsync(tenant.Id, $"slack:{receiver.BaseUrl}/services/gone", "admin@acme.test", CancellationToken.None);
        host.Clock.Now = AlertsTestHost.Start.AddHours(1);
        var later = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(AlertDeliveryStatus.Failed, result.Status);
        Assert.Equal($"HTTP 404 Not Found from {new Uri(receiver.BaseUrl).Authority}.", result.Error);
        Assert.Equal(new AlertDispatchResult(), later);
        Assert.Single(receiver.Requests);
    }
}
