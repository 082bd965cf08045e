using Microsoft.EntityFrameworkCore;
using Npgsql;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// PostgreSQL: binary COPY of records and their dimension rows, ids assigned here (from the table's current maximum)
/// so the dimension rows can name their record; the identity sequence is moved past them at the end.
/// </summary>
internal sealed class PostgresRecordSink(NpgsqlConnection connection, ModelColumns records, ModelColumns dimensions, long firstId) : IRecordSink
{
    private long nextId = firstId;

    public static async Task<PostgresRecordSink> OpenAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var max = new NpgsqlCommand("SELECT COALESCE(MAX(\"Id\"), 0) FROM \"UsageRecords\"", connection);
        var firstId = (long)(await max.ExecuteScalarAsync(cancellationToken))! + 1;
        return new PostgresRecordSink(connection,
            new ModelColumns(db.Model.FindEntityType(typeof(UsageRecord))!),
            new ModelColumns(db.Model.FindEntityType(typeof(UsageDimension))!), firstId);
    }

    public async Task WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        var dimensionRows = new List<UsageDimension>();
        foreach (var record in batch)
        {
            record.Id = nextId++;
            foreach (var (name, value) in record.Dims)
                dimensionRows.Add(new UsageDimension { UsageRecordId = record.Id, Name = name, Value = value });
        }
        await CopyAsync(records, batch, cancellationToken);
        await CopyAsync(dimensions, dimensionRows, cancellationToken);
    }

    private async Task CopyAsync<T>(ModelColumns columns, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : notnull
    {
        await using var writer = await connection.BeginBinaryImportAsync(columns.CopySql, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                var (value, type) = columns.Value(row, i);
                if (value is null)
                    await writer.WriteNullAsync(cancellationToken);
                else
                    await writer.WriteAsync(value, type, cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await using var sequence = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('\"UsageRecords\"', 'Id'), (SELECT MAX(\"Id\") FROM \"UsageRecords\")); ANALYZE \"UsageRecords\"; ANALYZE \"UsageDimensions\";",
            connection) { CommandTimeout = 0 };
        await sequence.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
