using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// SQLite: the proxy's own writer path (<see cref="UsageBulkInserter"/>: prepared statements bound through SQLite's API),
/// one transaction per batch, on one connection kept open with a large page cache and no fsync (a benchmark fill, not
/// production: a crash mid-fill means filling again).
/// </summary>
internal sealed class SqliteRecordSink(SpendOpsDbContext db) : IRecordSink
{
    public static async Task<SqliteRecordSink> OpenAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;", cancellationToken);
        return new SqliteRecordSink(db);
    }

    public Task WriteAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        UsageBulkInserter.InsertAsync(db, records as IReadOnlyCollection<UsageRecord> ?? [.. records], cancellationToken);

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
}
