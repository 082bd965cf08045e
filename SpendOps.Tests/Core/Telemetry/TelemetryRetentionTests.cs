using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Telemetry;

public abstract class TelemetryRetentionTests(TelemetryTestHost host)
{
    [DatabaseFact]
    public async Task PurgeAsync_BatchesPastRetention_DeletedAndRecordsKept()
    {
        var connection = await host.CreateConnectionAsync();
        using (var response = await host.PostAsync(connection, "logs", OtlpPayloads.ReferenceLogs))
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using (var response = await host.PostAsync(connection, "metrics", OtlpPayloads.CostPoint("1", "1782907200000000000", "1782907260000000000", 2, "s-retention")))
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var options = new TelemetryIngestOptions { RawBatchRetentionDays = 14, SeriesStateRetentionDays = 35 };

        var soon = await host.WithDbAsync(db => TelemetryRetention.PurgeAsync(db, DateTimeOffset.UtcNow.AddDays(13), options, CancellationToken.None));
        var later = await host.WithDbAsync(db => TelemetryRetention.PurgeAsync(db, DateTimeOffset.UtcNow.AddDays(36), options, CancellationToken.None));

        Assert.Equal(new TelemetryPurgeResult(0, 0), soon);
        Assert.True(later.BatchesDeleted >= 2);
        Assert.True(later.SeriesStatesDeleted >= 1);
        Assert.Equal(0, await host.WithDbAsync(db => db.TelemetryBatches.CountAsync(b => b.ConnectionId == connection.Connection.Id)));
        Assert.Equal(3, (await host.RecordsAsync(connection.Connection.Id)).Count);
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : TelemetryRetentionTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : TelemetryRetentionTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
