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

    [DatabaseFact]
    public async Task PurgeAsync_BacklogLargerThanOneBatch_DeletedInStatementsOfAtMostBatchSize()
    {
        var connection = await host.CreateConnectionAsync();
        var now = DateTimeOffset.UtcNow;
        const int oldBatches = 2 * TelemetryRetention.BatchSize + 17;
        const int oldSeries = TelemetryRetention.BatchSize + 3;
        await host.WithDbAsync(async db =>
        {
            // Ids are not in ReceivedAt order (a recent batch between old ones), as after clock changes or imports.
            for (var i = 0; i < oldBatches + 3; i++)
                db.TelemetryBatches.Add(Batch(connection, i % 4000 == 1 ? now : now.AddDays(-20 - i % 300)));
            for (var i = 0; i < oldSeries + 2; i++)
                db.TelemetrySeriesStates.Add(Series(connection, i, i < 2 ? now : now.AddDays(-40 - i % 300)));
            return await db.SaveChangesAsync();
        });
        var options = new TelemetryIngestOptions { RawBatchRetentionDays = 14, SeriesStateRetentionDays = 35 };

        using var deletes = new DeleteStatements();
        var result = await host.WithDbAsync(db => deletes.Watch(db, () => TelemetryRetention.PurgeAsync(db, now, options, CancellationToken.None)));

        Assert.Equal(new TelemetryPurgeResult(oldBatches, oldSeries), result);
        Assert.Equal([5000, 5000, 17], deletes.RowsAffected("TelemetryBatches"));
        Assert.Equal([5000, 3], deletes.RowsAffected("TelemetrySeriesStates"));
        Assert.Equal(3, await host.WithDbAsync(db => db.TelemetryBatches.CountAsync(b => b.ConnectionId == connection.Connection.Id)));
        Assert.Equal(2, await host.WithDbAsync(db => db.TelemetrySeriesStates.CountAsync(s => s.ConnectionId == connection.Connection.Id)));
    }

    private static TelemetryBatch Batch(CreatedTelemetryConnection connection, DateTimeOffset receivedAt) => new()
    {
        TenantId = connection.Connection.TenantId,
        ConnectionId = connection.Connection.Id,
        Signal = TelemetrySignal.Logs,
        ContentType = "application/json",
        ReceivedAt = receivedAt,
        Body = "{}",
    };

    private static TelemetrySeriesState Series(CreatedTelemetryConnection connection, int index, DateTimeOffset updatedAt) => new()
    {
        ConnectionId = connection.Connection.Id,
        SeriesKey = $"series-{index}",
        MetricName = "claude_code.cost.usage",
        UpdatedAt = updatedAt,
    };

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : TelemetryRetentionTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : TelemetryRetentionTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
