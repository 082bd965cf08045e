using Npgsql;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// Writes a batch of usage records and their dimension rows into PostgreSQL with binary <c>COPY</c>, the fastest way in:
/// ids are reserved from the table's sequence in one query, so dimension rows can name their record without a round
/// trip per record. A RequestId already stored (a replay) or twice in the batch makes the direct COPY fail as a whole;
/// the batch is then copied into temporary tables and moved over with <c>ON CONFLICT DO NOTHING</c>, so the duplicate
/// is skipped and the rest of the batch still stored. Replays are rare, so the common case pays for one copy only.
/// </summary>
internal static class PostgresUsageCopy
{
    private const string RecordStaging = "UsageRecordsStaging";
    private const string DimensionStaging = "UsageDimensionsStaging";

    private static readonly string RecordColumns = PostgresCopyWriter.ColumnList(UsageColumns.Record);
    private static readonly string DimensionColumns = PostgresCopyWriter.ColumnList(UsageColumns.Dimension);

    /// <summary>Stores the records and returns those stored now; a record whose RequestId was stored before is skipped and keeps id 0.</summary>
    public static async Task<IReadOnlyList<UsageRecord>> InsertAsync(NpgsqlConnection connection, IReadOnlyCollection<UsageRecord> records,
        IReadOnlyCollection<RollupDirtyHour> marks, CancellationToken cancellationToken)
    {
        try
        {
            await CopyAsync(connection, records, marks, viaStaging: false, cancellationToken);
            return records as IReadOnlyList<UsageRecord> ?? records.ToList();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var stored = await CopyAsync(connection, records, marks, viaStaging: true, cancellationToken);
            var written = new List<UsageRecord>(stored.Count);
            foreach (var record in records)
            {
                if (stored.Contains(record.Id))
                    written.Add(record);
                else
                    record.Id = 0;
            }
            return written;
        }
    }

    /// <summary>Internal so the benchmark can measure the path through temporary tables on its own.</summary>
    internal static async Task<HashSet<long>> CopyAsync(NpgsqlConnection connection, IReadOnlyCollection<UsageRecord> records,
        IReadOnlyCollection<RollupDirtyHour> marks, bool viaStaging, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await ReserveIdsAsync(connection, records.Count, cancellationToken);
        var i = 0;
        foreach (var record in records)
            record.Id = ids[i++];
        if (viaStaging)
        {
            await ExecuteAsync(connection,
                $"""
                CREATE TEMP TABLE "{RecordStaging}" (LIKE "{UsageColumns.RecordTable}") ON COMMIT DROP;
                CREATE TEMP TABLE "{DimensionStaging}" (LIKE "{UsageColumns.DimensionTable}") ON COMMIT DROP;
                """, cancellationToken);
        }
        await CopyRecordsAsync(connection, viaStaging ? RecordStaging : UsageColumns.RecordTable, records, cancellationToken);
        await CopyDimensionsAsync(connection, viaStaging ? DimensionStaging : UsageColumns.DimensionTable, records, cancellationToken);
        var stored = viaStaging ? await MoveFromStagingAsync(connection, cancellationToken) : ids.ToHashSet();
        // Marks for every record of the batch, stored or skipped: a mark only makes the rollup job look at an hour again.
        await CopyMarksAsync(connection, marks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// One round trip and one value: the sequence is looked up once (a materialized CTE, as a function in the select list
    /// would run per id) and the ids come back as one array. Sorted, so ids rise in batch order, which the staging path's
    /// "first in batch order wins" relies on (an aggregate does not promise its input's order).
    /// </summary>
    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('"{UsageColumns.RecordTable}"', 'Id')::regclass AS sequence)
            SELECT array_agg(nextval(s.sequence)) FROM s CROSS JOIN generate_series(1, $1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var ids = (long[])(await command.ExecuteScalarAsync(cancellationToken))!;
        Array.Sort(ids);
        return ids;
    }

    private static async Task CopyRecordsAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var copy = await PostgresCopyWriter.BeginAsync(connection, table, UsageColumns.Record, cancellationToken);
        foreach (var record in records)
        {
            await copy.StartRowAsync(cancellationToken);
            UsageColumns.WriteRecord(record, record.Id, copy);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyDimensionsAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        await using var copy = await PostgresCopyWriter.BeginAsync(connection, table, UsageColumns.Dimension, cancellationToken);
        foreach (var record in records)
        {
            foreach (var (name, value) in record.Dims)
            {
                await copy.StartRowAsync(cancellationToken);
                UsageColumns.WriteDimension(record.Id, name, value, copy);
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyMarksAsync(NpgsqlConnection connection, IReadOnlyCollection<RollupDirtyHour> marks, CancellationToken cancellationToken)
    {
        await using var copy = await PostgresCopyWriter.BeginAsync(connection, UsageColumns.MarkTable, UsageColumns.Mark, cancellationToken);
        foreach (var mark in marks)
        {
            await copy.StartRowAsync(cancellationToken);
            UsageColumns.WriteMark(mark, copy);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the staged rows over, skipping RequestIds already stored (or staged twice: the first in batch order wins),
    /// and the dimension rows of the records moved; returns the ids of those records.
    /// </summary>
    private static async Task<HashSet<long>> MoveFromStagingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var stored = new HashSet<long>();
        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO "{UsageColumns.RecordTable}" ({RecordColumns}) SELECT {RecordColumns} FROM "{RecordStaging}" ORDER BY "Id"
            ON CONFLICT ("RequestId") DO NOTHING RETURNING "Id"
            """, connection))
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                stored.Add(reader.GetInt64(0));
        }
        await using var dimensions = new NpgsqlCommand(
            $"""
            INSERT INTO "{UsageColumns.DimensionTable}" ({DimensionColumns})
            SELECT {DimensionColumns} FROM "{DimensionStaging}" WHERE "UsageRecordId" = ANY($1)
            """, connection);
        dimensions.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = stored.ToArray() });
        await dimensions.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
