using System.Net;
using System.Text;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Telemetry;

/// <summary><see cref="TelemetryBatchQueries"/> over batches stored by the real ingest, on a SQLite file.</summary>
public abstract class TelemetryBatchQueriesTests(TelemetryTestHost host)
{
    [DatabaseFact]
    public async Task PageAsync_ConnectionWithBatches_NewestFirstPagedWithTotal()
    {
        var connection = await host.CreateConnectionAsync();
        var other = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_page_1"), HttpStatusCode.Accepted);
        await PostAsync(connection, "metrics", OtlpPayloads.CostPoint("1", "1782907200000000000", "1782907260000000000", 2, "s-page"), HttpStatusCode.Accepted);
        await PostAsync(connection, "logs", "{not json"u8.ToArray(), HttpStatusCode.BadRequest);
        await PostAsync(other, "logs", OtlpPayloads.ApiRequest("req_page_other"), HttpStatusCode.Accepted);

        var first = await PageAsync(connection, 0, 2);
        var second = await PageAsync(connection, 2, 2);

        Assert.Equal((3, 3), (first.TotalCount, second.TotalCount));
        Assert.Equal([TelemetryBatchOutcome.Rejected, TelemetryBatchOutcome.Accepted], first.Items.Select(b => b.Outcome));
        Assert.Equal([TelemetrySignal.Logs, TelemetrySignal.Metrics], first.Items.Select(b => b.Signal));
        Assert.False(string.IsNullOrEmpty(first.Items[0].Error));
        var oldest = Assert.Single(second.Items);
        Assert.Equal((TelemetrySignal.Logs, "application/json", 1, 1), (oldest.Signal, oldest.ContentType, oldest.RecordCount, oldest.UsageRecordCount));
        Assert.True(oldest.ByteSize > 0);
    }

    [DatabaseFact]
    public async Task PageAsync_OtherTenant_FindsNothing()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_page_tenant"), HttpStatusCode.Accepted);
        var stranger = await host.CreateTenantAsync();

        var page = await host.WithDbAsync(db => TelemetryBatchQueries.PageAsync(db, stranger.Id, connection.Connection.Id, 0, 25, CancellationToken.None));

        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Items);
    }

    [DatabaseFact]
    public async Task FindBodyAsync_LongerThanAsked_CutWithTotalLength()
    {
        var connection = await host.CreateConnectionAsync();
        var payload = OtlpPayloads.ApiRequest("req_body_cut");
        await PostAsync(connection, "logs", payload, HttpStatusCode.Accepted);
        var batchId = (await PageAsync(connection, 0, 1)).Items[0].Id;

        var cut = await host.WithDbAsync(db => TelemetryBatchQueries.FindBodyAsync(db, connection.Connection.TenantId, connection.Connection.Id, batchId, 10, CancellationToken.None));
        var whole = await host.WithDbAsync(db => TelemetryBatchQueries.FindBodyAsync(db, connection.Connection.TenantId, connection.Connection.Id, batchId, 1_000_000, CancellationToken.None));

        Assert.NotNull(whole);
        Assert.False(whole.Truncated);
        Assert.Equal(TelemetryBodyFormat.NormalizedJson, whole.Format);
        Assert.Contains("\"req_body_cut\"", whole.Text);
        Assert.NotNull(cut);
        Assert.Equal(whole.Text[..10], cut.Text);
        Assert.True(cut.Truncated);
        Assert.Equal(whole.Text.Length, cut.TotalLength);
    }

    [DatabaseFact]
    public async Task FindBodyAsync_BatchWithPrompt_ReturnsRedactedBody()
    {
        var connection = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_body_prompt", extraAttributes: ",{\"key\":\"prompt\",\"value\":{\"stringValue\":\"my secret plan\"}}"),
            HttpStatusCode.Accepted);
        var batchId = (await PageAsync(connection, 0, 1)).Items[0].Id;

        var body = await host.WithDbAsync(db => TelemetryBatchQueries.FindBodyAsync(db, connection.Connection.TenantId, connection.Connection.Id, batchId, 1_000_000, CancellationToken.None));

        Assert.NotNull(body);
        Assert.True(body.Redacted);
        Assert.DoesNotContain("my secret plan", body.Text, StringComparison.Ordinal);
        Assert.Contains("req_body_prompt", body.Text, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task FindBodyAsync_OtherTenantOrConnection_ReturnsNull()
    {
        var connection = await host.CreateConnectionAsync();
        var other = await host.CreateConnectionAsync();
        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_body_tenant"), HttpStatusCode.Accepted);
        var batchId = (await PageAsync(connection, 0, 1)).Items[0].Id;

        var asOtherTenant = await host.WithDbAsync(db => TelemetryBatchQueries.FindBodyAsync(db, other.Connection.TenantId, connection.Connection.Id, batchId, 100, CancellationToken.None));
        var viaOtherConnection = await host.WithDbAsync(db => TelemetryBatchQueries.FindBodyAsync(db, connection.Connection.TenantId, other.Connection.Id, batchId, 100, CancellationToken.None));

        Assert.Null(asOtherTenant);
        Assert.Null(viaOtherConnection);
    }

    private async Task PostAsync(CreatedTelemetryConnection connection, string signal, byte[] body, HttpStatusCode expected)
    {
        using var response = await host.PostAsync(connection, signal, body);
        Assert.Equal(expected, response.StatusCode);
    }

    private Task<TelemetryBatchPage> PageAsync(CreatedTelemetryConnection connection, int skip, int take) =>
        host.WithDbAsync(db => TelemetryBatchQueries.PageAsync(db, connection.Connection.TenantId, connection.Connection.Id, skip, take, CancellationToken.None));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : TelemetryBatchQueriesTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : TelemetryBatchQueriesTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
