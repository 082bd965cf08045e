using System.Net;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>One spend counts once: replays, cumulative restarts, events against metrics, telemetry against the proxy.</summary>
public abstract class UsageDeduplicationTests(TelemetryTestHost host)
{
    private const string Start1 = "1782907200000000000";
    private const string Start2 = "1782907800000000000";

    [DatabaseFact]
    public async Task PostMetrics_CumulativeSeriesWithRestarts_CountsEachIncrementOnce()
    {
        var connection = await host.CreateConnectionAsync();

        // Running totals 1.0 -> 1.5 (+0.5); replay of 1.0 (ignored); process restart with a new start time at 0.25
        // (+0.25); the same start time but a lower value, i.e. a reset (+0.1); then 0.3 (+0.2).
        await PostCostAsync(connection, "1.0", Start1, "1782907260000000000", cumulative: true);
        await PostCostAsync(connection, "1.5", Start1, "1782907320000000000", cumulative: true);
        await PostCostAsync(connection, "1.0", Start1, "1782907260000000000", cumulative: true);
        await PostCostAsync(connection, "1.5", Start1, "1782907320000000000", cumulative: true);
        await PostCostAsync(connection, "0.25", Start2, "1782907860000000000", cumulative: true);
        await PostCostAsync(connection, "0.1", Start2, "1782907920000000000", cumulative: true);
        await PostCostAsync(connection, "0.3", Start2, "1782907980000000000", cumulative: true);
        await PostCostAsync(connection, "0.3", Start2, "1782907980000000000", cumulative: true);

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(2.05m, UsageTotals.Of(records).CostUsd);
        Assert.Equal([0.1m, 0.2m, 0.25m, 0.5m, 1.0m], records.Select(r => r.ProviderCostUsd!.Value).Order());
        var state = await host.WithDbAsync(db => db.TelemetrySeriesStates.SingleAsync(s => s.ConnectionId == connection.Connection.Id));
        Assert.Equal(0.3m, state.LastValue);
        Assert.Equal(ulong.Parse(Start2, System.Globalization.CultureInfo.InvariantCulture), state.StartTimeUnixNano);
    }

    [DatabaseFact]
    public async Task PostMetrics_CumulativeStateFromAnotherInstance_ContinuesFromStoredValue()
    {
        var connection = await host.CreateConnectionAsync();
        await PostCostAsync(connection, "2.0", Start1, "1782907260000000000", cumulative: true);

        // A second host on the same database stands for another instance (or a restart of this one).
        await using var second = await host.StartSecondInstanceAsync();
        using (var response = await second.PostAsync(connection, "metrics", OtlpPayloads.CostPoint("2.5", Start1, "1782907320000000000", 2)))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await PostCostAsync(connection, "2.5", Start1, "1782907320000000000", cumulative: true);

        Assert.Equal(2.5m, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)).CostUsd);
    }

    [DatabaseFact]
    public async Task PostMetrics_SameBatchConcurrentlyOnTwoInstances_CountsOnce()
    {
        var connection = await host.CreateConnectionAsync();
        await using var second = await host.StartSecondInstanceAsync();
        var cumulative = OtlpPayloads.CostPoint("3.0", Start1, "1782907260000000000", 2);
        var events = OtlpPayloads.ApiRequest("req_concurrent", session: "s-concurrent");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var target = i % 2 == 0 ? host : second;
            return target.PostAsync(connection, i % 4 < 2 ? "metrics" : "logs", i % 4 < 2 ? cumulative : events);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(2, records.Count);
        Assert.Equal(3.5m, UsageTotals.Of(records).CostUsd);
    }

    [DatabaseFact]
    public async Task PostMetrics_DeltaBatchTwice_CountsOnce()
    {
        var connection = await host.CreateConnectionAsync();

        await PostCostAsync(connection, "0.75", Start1, "1782907260000000000", cumulative: false);
        await PostCostAsync(connection, "0.75", Start1, "1782907260000000000", cumulative: false);
        await PostCostAsync(connection, "0.25", "1782907260000000000", "1782907320000000000", cumulative: false);

        Assert.Equal(1.0m, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)).CostUsd);
    }

    [DatabaseFact]
    public async Task PostLogs_SameEventTwice_CountsOnce()
    {
        var connection = await host.CreateConnectionAsync();

        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_twice"));
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_twice"));

        var record = Assert.Single(await host.RecordsAsync(connection.Connection.Id));
        Assert.Equal(0.5m, record.ProviderCostUsd);
        var batches = await host.WithDbAsync(db => db.TelemetryBatches.Where(b => b.ConnectionId == connection.Connection.Id).OrderBy(b => b.Id).ToListAsync());
        Assert.Equal([1, 0], batches.Select(b => b.UsageRecordCount));
    }

    [DatabaseFact]
    public async Task PostLogs_RequestIdAlreadyMeasuredByProxy_TelemetryRecordSuperseded()
    {
        var connection = await host.CreateConnectionAsync();
        await AddProxyRecordAsync(connection.Connection.TenantId, "req_proxied_first", cost: 0.5m);

        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_proxied_first"));

        var telemetry = Assert.Single(await host.RecordsAsync(connection.Connection.Id));
        Assert.True(telemetry.Superseded);
        Assert.Equal(0.5m, await CountedTenantCostAsync(connection.Connection.TenantId));
    }

    [DatabaseFact]
    public async Task ApplyForProxyRecords_TelemetryArrivedFirst_TelemetryRecordSuperseded()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_telemetry_first"));

        var proxy = await AddProxyRecordAsync(connection.Connection.TenantId, "req_telemetry_first", cost: 0.5m);
        var marked = await host.WithDbAsync(db => SupersessionRules.ApplyForProxyRecordsAsync(db, [proxy], CancellationToken.None));

        Assert.Equal(1, marked);
        Assert.True(Assert.Single(await host.RecordsAsync(connection.Connection.Id)).Superseded);
        Assert.Equal(0.5m, await CountedTenantCostAsync(connection.Connection.TenantId));
    }

    /// <summary>
    /// Through the usage writer, both ways round: its proxy records of a tenant with a telemetry connection keep their
    /// upstream ids in the lookup index (the writer leaves them out only for tenants without one), so an estimate
    /// arriving after the call is superseded, and one that arrived before is superseded when the record is written.
    /// </summary>
    [DatabaseFact]
    public async Task ProxyRecordsWrittenByTheWriter_OfATenantWithTelemetry_SupersedeEstimatesOfTheirCalls()
    {
        var connection = await host.CreateConnectionAsync();
        var tenantId = connection.Connection.TenantId;
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_estimate_first"));

        await WriteThroughWriterAsync(tenantId, "req_estimate_first", cost: 0.5m);
        await WriteThroughWriterAsync(tenantId, "req_proxied_first", cost: 0.25m);
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_proxied_first"));

        var telemetry = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(2, telemetry.Count);
        Assert.All(telemetry, r => Assert.True(r.Superseded));
        Assert.Equal(0.75m, await CountedTenantCostAsync(tenantId));
    }

    [DatabaseFact]
    public async Task ApplyForProxyRecords_SameRequestIdInAnotherTenant_NotSuperseded()
    {
        var connection = await host.CreateConnectionAsync();
        var otherTenant = await host.CreateTenantAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_other_tenant"));

        var proxy = await AddProxyRecordAsync(otherTenant.Id, "req_other_tenant", cost: 0.5m);
        var marked = await host.WithDbAsync(db => SupersessionRules.ApplyForProxyRecordsAsync(db, [proxy], CancellationToken.None));

        Assert.Equal(0, marked);
        Assert.False(Assert.Single(await host.RecordsAsync(connection.Connection.Id)).Superseded);
    }

    [DatabaseFact]
    public async Task PostMetrics_SessionAlreadySendsEvents_MetricRecordSuperseded()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_s1", session: "s-events"));

        await PostCostAsync(connection, "0.5", Start1, "1782907260000000000", cumulative: false, session: "s-events");
        await PostCostAsync(connection, "0.2", Start1, "1782907260000000000", cumulative: false, session: "s-metrics-only");

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(0.7m, UsageTotals.Of(records).CostUsd);
        Assert.Single(records, r => r.Superseded);
    }

    [DatabaseFact]
    public async Task PostLogs_SessionlessMetricsOfSameInstall_SupersededFromFirstEventOn()
    {
        var connection = await host.CreateConnectionAsync();
        // Metrics without session.id (OTEL_METRICS_INCLUDE_SESSION_ID=false), one window before events started, one after.
        await PostAsync(connection, "metrics", SessionlessCost("0.4", "1782900000000000000"));
        await PostAsync(connection, "metrics", SessionlessCost("0.5", "1782907260000000000"));

        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_install", extraAttributes: ",{\"key\":\"user.id\",\"value\":{\"stringValue\":\"install-9\"}}"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(0.9m, UsageTotals.Of(records).CostUsd);
        Assert.Single(records, r => r.Superseded && r.Endpoint == "claude_code.metrics" && r.ProviderCostUsd == 0.5m);
    }

    private static byte[] SessionlessCost(string value, string time) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(OtlpPayloads.CostPoint(value, Start1, time, 1))
            .Replace("{\"key\":\"session.id\",\"value\":{\"stringValue\":\"s-1\"}}", "{\"key\":\"user.id\",\"value\":{\"stringValue\":\"install-9\"}}", StringComparison.Ordinal));

    private async Task PostCostAsync(CreatedTelemetryConnection connection, string value, string start, string time, bool cumulative, string session = "s-1") =>
        await PostAsync(connection, "metrics", OtlpPayloads.CostPoint(value, start, time, cumulative ? 2 : 1, session));

    private async Task PostAsync(CreatedTelemetryConnection connection, string signal, byte[] body)
    {
        using var response = await host.PostAsync(connection, signal, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private Task<UsageRecord> AddProxyRecordAsync(Guid tenantId, string upstreamRequestId, decimal cost) =>
        host.WithDbAsync(async db =>
        {
            var record = new UsageRecord
            {
                RequestId = "proxy-" + Guid.NewGuid().ToString("N"),
                UpstreamRequestId = upstreamRequestId,
                TenantId = tenantId,
                Source = UsageSource.Proxy,
                Provider = "anthropic",
                Endpoint = "/v1/messages",
                UsageComplete = true,
                CostUsd = cost,
                ProviderCostUsd = cost,
                Timestamp = DateTimeOffset.UnixEpoch,
            };
            db.UsageRecords.Add(record);
            await db.SaveChangesAsync();
            return record;
        });

    private async Task WriteThroughWriterAsync(Guid tenantId, string upstreamRequestId, decimal cost)
    {
        var record = new UsageRecord
        {
            RequestId = "proxy-" + Guid.NewGuid().ToString("N"),
            UpstreamRequestId = upstreamRequestId,
            TenantId = tenantId,
            Source = UsageSource.Proxy,
            Provider = "anthropic",
            Endpoint = "/v1/messages",
            UsageComplete = true,
            CostUsd = cost,
            ProviderCostUsd = cost,
            Timestamp = DateTimeOffset.UtcNow,
        };
        await host.WithServiceAsync<UsageSink, bool>(sink =>
        {
            sink.Enqueue(record);
            return Task.FromResult(true);
        });
        for (var waited = 0; !await host.WithDbAsync(db => db.UsageRecords.AnyAsync(r => r.RequestId == record.RequestId)); waited += 50)
        {
            Assert.True(waited < 20_000, "the usage writer did not store the record within 20 s");
            await Task.Delay(50);
        }
    }

    private Task<decimal> CountedTenantCostAsync(Guid tenantId) =>
        host.WithDbAsync(async db => (await db.UsageRecords.Where(r => r.TenantId == tenantId && !r.Superseded).ToListAsync()).Sum(r => r.ProviderCostUsd ?? 0));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : UsageDeduplicationTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : UsageDeduplicationTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
