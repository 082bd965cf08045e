using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// SQLite: two prepared INSERTs (records, dimension rows) in one transaction per batch, parameters created by EF's type
/// mappings so values are stored as EF stores them (upper-case GUID text, decimals as text, UTC ticks); ids assigned
/// here. One connection, kept open with a large page cache and no fsync: a benchmark fill, not production (a crash
/// mid-fill means filling again). The product's own bulk inserter gives the CPU away every quarter millisecond to
/// keep proxy latency low, which on a loaded machine makes a fill of millions crawl.
/// </summary>
internal sealed class SqliteRecordSink : IRecordSink
{
    private readonly SpendOpsDbContext db;
    private readonly SqliteConnection connection;
    private readonly (ModelColumns Columns, SqliteCommand Command) records;
    private readonly (ModelColumns Columns, SqliteCommand Command) dimensions;
    private long nextId;

    private SqliteRecordSink(SpendOpsDbContext db, long firstId)
    {
        this.db = db;
        connection = (SqliteConnection)db.Database.GetDbConnection();
        records = Prepare(new ModelColumns(db.Model.FindEntityType(typeof(UsageRecord))!));
        dimensions = Prepare(new ModelColumns(db.Model.FindEntityType(typeof(UsageDimension))!));
        nextId = firstId;
    }

    public static async Task<SqliteRecordSink> OpenAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;", cancellationToken);
        var maxId = await db.UsageRecords.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        return new SqliteRecordSink(db, maxId + 1);
    }

    private (ModelColumns, SqliteCommand) Prepare(ModelColumns columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = columns.InsertSql;
        for (var i = 0; i < columns.Count; i++)
        {
            var property = columns.Properties[i];
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, $"$p{i}", null, property.IsNullable));
        }
        return (columns, command);
    }

    public Task WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        records.Command.Transaction = dimensions.Command.Transaction = transaction;
        records.Command.Prepare();
        dimensions.Command.Prepare();
        foreach (var record in batch)
        {
            record.Id = nextId++;
            Insert(records, record);
            foreach (var (name, value) in record.Dims)
                Insert(dimensions, new UsageDimension { UsageRecordId = record.Id, Name = name, Value = value });
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    private static void Insert((ModelColumns Columns, SqliteCommand Command) insert, object row)
    {
        var parameters = insert.Command.Parameters;
        for (var i = 0; i < insert.Columns.Count; i++)
            parameters[i].Value = insert.Columns.Value(row, i).Value ?? DBNull.Value;
        insert.Command.ExecuteNonQuery();
    }

    public async Task FinishAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        records.Command.Dispose();
        dimensions.Command.Dispose();
        await db.Database.CloseConnectionAsync();
    }
}
