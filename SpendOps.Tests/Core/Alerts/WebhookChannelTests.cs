using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpendOps.Core.Alerts;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>Webhook and Slack notifications as a real HTTP receiver (Kestrel on a loopback port) gets them.</summary>
public sealed class WebhookChannelTests : IAsyncLifetime
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
    public async Task Dispatch_WebhookRecipient_PostsDocumentedPayloadWithValidSignature()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");
        var alertId = Guid.NewGuid();
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start, alertId), $"webhook:{receiver.BaseUrl}/hooks/spend");

        var result = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Sent);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/spend", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        // 2026-12-01T09:00:00Z in Unix seconds.
        Assert.Equal("1796115600", request.Header("X-SpendOps-Timestamp"));
        byte[] signed = [.. Encoding.UTF8.GetBytes("1796115600."), .. request.Body];
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AlertsTestHost.SigningSecret), signed));
        Assert.Equal(expected, request.Header("X-SpendOps-Signature"));

        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal(delivery.Id.ToString(), request.Header("X-SpendOps-Delivery"));
        using var json = JsonDocument.Parse(request.Body);
        var payload = json.RootElement;
        Assert.Equal("budget.threshold", payload.GetProperty("type").GetString());
        Assert.Equal(alertId, payload.GetProperty("alertId").GetGuid());
        Assert.Equal(delivery.Id, payload.GetProperty("deliveryId").GetGuid());
        Assert.Equal(tenant.Id, payload.GetProperty("tenant").GetProperty("id").GetGuid());
        Assert.Equal("acme", payload.GetProperty("tenant").GetProperty("name").GetString());
        Assert.Equal("0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11", payload.GetProperty("budget").GetProperty("id").GetString());
        Assert.Equal("team-backend", payload.GetProperty("budget").GetProperty("name").GetString());
        Assert.Equal("threshold", payload.GetProperty("kind").GetString());
        Assert.Equal(80, payload.GetProperty("thresholdPercent").GetInt32());
        Assert.Equal(400.00m, payload.GetProperty("spendUsd").GetDecimal());
        Assert.Equal(500.00m, payload.GetProperty("amountUsd").GetDecimal());
        Assert.Equal(612.40m, payload.GetProperty("forecastUsd").GetDecimal());
        Assert.Equal("2026-12-01T00:00:00+00:00", payload.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2027-01-01T00:00:00+00:00", payload.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal("2026-12-01T09:00:00+00:00", payload.GetProperty("raisedAt").GetString());
        Assert.Equal("Budget \"team-backend\" reached 80% ($400.00 of $500.00)", payload.GetProperty("summary").GetString());
        Assert.Equal("https://spendops.example.com/alerts", payload.GetProperty("portalUrl").GetString());
        Assert.Equal(AlertDeliveryStatus.Sent, delivery.Status);
        Assert.Equal(AlertsTestHost.Start, delivery.SentAt);
    }

    [Fact]
    public async Task Dispatch_SlackRecipient_PostsTextAndBlocks()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"slack:{receiver.BaseUrl}/services/T000/B000/XXXX");

        await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/services/T000/B000/XXXX", request.Path);
        Assert.Null(request.Header("X-SpendOps-Signature"));
        using var json = JsonDocument.Parse(request.Body);
        var message = json.RootElement;
        Assert.Equal("Budget \"team-backend\" reached 80% ($400.00 of $500.00)", message.GetProperty("text").GetString());
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Budget \"team-backend\" reached 80% ($400.00 of $500.00)", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Equal(
            [
                "*Budget*\nteam-backend",
                "*Spent*\n$400.00 of $500.00 (80%)",
                "*Forecast*\n$612.40 by the end of the period",
                "*Period*\n2026-12-01 00:00 to 2027-01-01 00:00 (UTC)",
                "*Tenant*\nacme",
            ],
            fields);
        Assert.Equal("<https://spendops.example.com/alerts|Open in SpendOps>", blocks[2].GetProperty("text").GetProperty("text").GetString());
        Assert.False(blocks[0].TryGetProperty("fields", out _));
    }

    [Fact]
    public async Task Dispatch_NoSigningSecret_FailsAtOnceNamingTheSetting()
    {
        using var host = await AlertsTestHost.CreateAsync(database, [new("Alerts:Webhook:SigningSecret", "")]);
        var tenant = await host.AddTenantAsync("acme");
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"webhook:{receiver.BaseUrl}/hooks");

        var result = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Failed);
        Assert.Empty(receiver.Requests);
        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal("Webhook signing is not configured: set Alerts:Webhook:SigningSecret (receivers verify X-SpendOps-Signature with it).", delivery.LastError);
    }
}
