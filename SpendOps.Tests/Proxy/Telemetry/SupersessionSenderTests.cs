using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// Events retire metric estimates only of their own sender (same ingest key, same install), so an ingest key holder
/// who copies another user's session id cannot hide that user's spend; and every retired record is audited with
/// what retired it.
/// </summary>
public abstract class SupersessionSenderTests(TelemetryTestHost host)
{
    private const string Start = "1782907200000000000";
    private const string Time = "1782907260000000000";

    [DatabaseFact]
    public async Task PostLogs_ForgedEventWithAnotherKeysSession_VictimMetricsStillCount()
    {
        var connection = await host.CreateConnectionAsync();
        var mallory = await CreateKeyAsync(connection, "mallory");
        await PostAsync(connection.EndpointPath, connection.FullKey, "metrics", Cost("4.0", "s-victim", "install-alice"));

        await PostAsync(connection.EndpointPath, mallory, "logs", Event("req_forged", "s-victim", "install-alice", cost: "0.01"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(2, records.Count);
        Assert.DoesNotContain(records, r => r.Superseded);
        Assert.Equal(4.01m, UsageTotals.Of(records).CostUsd);
        Assert.Empty(await SupersessionAuditsAsync(connection.Connection.TenantId));
    }

    [DatabaseFact]
    public async Task PostLogs_AnotherKeySendsTheSameEventIdsFirst_RealEventStillRecorded()
    {
        var connection = await host.CreateConnectionAsync();
        var mallory = await CreateKeyAsync(connection, "mallory");
        await PostAsync(connection.EndpointPath, mallory, "logs", Event("req_real", "s-victim", "install-alice", cost: "0.01"));

        await PostAsync(connection.EndpointPath, connection.FullKey, "logs", Event("req_real", "s-victim", "install-alice", cost: "3.0"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r.ApiKeyId == connection.Key.Id && r.ProviderCostUsd == 3.0m);
        Assert.Equal(3.01m, UsageTotals.Of(records).CostUsd);
    }

    [DatabaseFact]
    public async Task PostLogs_ForgedEventWithSameKeyButAnotherInstall_VictimMetricsStillCount()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection.EndpointPath, connection.FullKey, "metrics", Cost("4.0", "s-victim", "install-alice"));

        await PostAsync(connection.EndpointPath, connection.FullKey, "logs", Event("req_forged", "s-victim", "install-mallory", cost: "0.01"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.DoesNotContain(records, r => r.Superseded);
        Assert.Equal(4.01m, UsageTotals.Of(records).CostUsd);
    }

    [DatabaseFact]
    public async Task PostMetrics_AfterAnotherKeysEventsForTheSession_NotSupersededOnArrival()
    {
        var connection = await host.CreateConnectionAsync();
        var mallory = await CreateKeyAsync(connection, "mallory");
        await PostAsync(connection.EndpointPath, mallory, "logs", Event("req_forged", "s-victim", "install-alice", cost: "0.01"));

        await PostAsync(connection.EndpointPath, connection.FullKey, "metrics", Cost("4.0", "s-victim", "install-alice"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.DoesNotContain(records, r => r.Superseded);
        Assert.Equal(4.01m, UsageTotals.Of(records).CostUsd);
    }

    [DatabaseFact]
    public async Task PostLogs_SameSendersEvents_SupersedeItsMetricsAndAuditSaysByWhat()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection.EndpointPath, connection.FullKey, "metrics", Cost("0.5", "s-own", "install-alice"));

        await PostAsync(connection.EndpointPath, connection.FullKey, "logs", Event("req_own", "s-own", "install-alice", cost: "0.5"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        var metric = Assert.Single(records, r => r.Superseded);
        Assert.Equal("claude_code.metrics", metric.Endpoint);
        Assert.Equal(0.5m, UsageTotals.Of(records).CostUsd);
        var batchId = await host.WithDbAsync(db => db.TelemetryBatches.Where(b => b.ConnectionId == connection.Connection.Id && b.Signal == TelemetrySignal.Logs).Select(b => b.Id).SingleAsync());
        var audit = Assert.Single(await SupersessionAuditsAsync(connection.Connection.TenantId));
        Assert.Equal(metric.RequestId, audit.EntityId);
        Assert.Equal($"Superseded by api_request events of session s-own in telemetry batch {batchId}, sent with ingest key {connection.Key.Id}.", audit.Details);
    }

    [DatabaseFact]
    public async Task PostMetrics_SameSenderAlreadySendsEvents_SupersededOnArrivalAndAudited()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection.EndpointPath, connection.FullKey, "logs", Event("req_first", "s-own", "install-alice", cost: "0.5"));

        await PostAsync(connection.EndpointPath, connection.FullKey, "metrics", Cost("0.5", "s-own", "install-alice"));

        var metric = Assert.Single(await host.RecordsAsync(connection.Connection.Id), r => r.Superseded);
        var audit = Assert.Single(await SupersessionAuditsAsync(connection.Connection.TenantId));
        Assert.Equal(metric.RequestId, audit.EntityId);
        Assert.Equal($"Superseded on arrival: session s-own already has api_request events sent with ingest key {connection.Key.Id}.", audit.Details);
    }

    [DatabaseFact]
    public async Task ApplyForProxyRecords_TelemetryEstimateSuperseded_AuditNamesTheProxyRecord()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection.EndpointPath, connection.FullKey, "logs", Event("req_measured", "s-p", "install-alice", cost: "0.5"));
        var proxy = new UsageRecord
        {
            RequestId = "proxy-" + Guid.NewGuid().ToString("N"),
            UpstreamRequestId = "req_measured",
            TenantId = connection.Connection.TenantId,
            Source = UsageSource.Proxy,
            Provider = "anthropic",
            Endpoint = "/v1/messages",
            Timestamp = DateTimeOffset.UnixEpoch,
        };
        await host.WithDbAsync(async db =>
        {
            db.UsageRecords.Add(proxy);
            return await db.SaveChangesAsync();
        });

        var marked = await host.WithDbAsync(db => SupersessionRules.ApplyForProxyRecordsAsync(db, [proxy], CancellationToken.None));

        Assert.Equal(1, marked);
        var telemetry = Assert.Single(await host.RecordsAsync(connection.Connection.Id));
        var audit = Assert.Single(await SupersessionAuditsAsync(connection.Connection.TenantId));
        Assert.Equal(telemetry.RequestId, audit.EntityId);
        Assert.Equal($"Superseded by proxy record {proxy.RequestId}: the same call (same upstream request id), measured.", audit.Details);
    }

    private async Task<string> CreateKeyAsync(CreatedTelemetryConnection connection, string name) =>
        (await host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.CreateKeyAsync(connection.Connection.TenantId, name, [IngestKeyScopes.UsageWrite], connection.Connection.Id, "tests", CancellationToken.None))).FullKey;

    private Task<List<AuditEntry>> SupersessionAuditsAsync(Guid tenantId) =>
        host.WithDbAsync(db => db.AuditEntries.Where(a => a.TenantId == tenantId && a.Action == "usage.superseded").ToListAsync());

    private async Task PostAsync(string endpointPath, string key, string signal, byte[] body)
    {
        using var response = await host.PostAsync($"{endpointPath}/v1/{signal}", body, "application/json", key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static byte[] Event(string requestId, string session, string install, string cost) =>
        OtlpPayloads.ApiRequest(requestId, session, cost: $"{{\"doubleValue\":{cost}}}",
            extraAttributes: $",{{\"key\":\"user.id\",\"value\":{{\"stringValue\":\"{install}\"}}}}");

    private static byte[] Cost(string value, string session, string install) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(OtlpPayloads.CostPoint(value, Start, Time, 1, session))
            .Replace($"{{\"key\":\"session.id\",\"value\":{{\"stringValue\":\"{session}\"}}}}",
                $"{{\"key\":\"session.id\",\"value\":{{\"stringValue\":\"{session}\"}}}},{{\"key\":\"user.id\",\"value\":{{\"stringValue\":\"{install}\"}}}}", StringComparison.Ordinal));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : SupersessionSenderTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : SupersessionSenderTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
