using Microsoft.Data.Sqlite;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// Writes a batch of usage records and their dimension rows into SQLite in one transaction, several rows per prepared
/// statement. The ids are chosen here (one past the largest, read inside the write transaction, which holds SQLite's
/// only write lock), so dimension rows can name their record without a round trip per record. The batch's rollup marks
/// (<see cref="RollupDirtyHour"/>) go in the same transaction, with the batch's ids.
/// </summary>
internal static class SqliteUsageInserter
{
    private const int RecordsPerStatement = 16;
    private const int DimensionsPerStatement = 64;

    public static void Insert(SqliteConnection connection, IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<RollupDirtyHour> marks)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SetForBulkWrites(connection);
        // Immediate: the write lock is taken before the largest id is read, so no other writer can take the same ids.
        using var transaction = connection.BeginTransaction(deferred: false);
        var nextId = LargestId(connection, transaction) + 1;
        var dimensionCount = records.Sum(r => r.Dims.Count);
        using (var recordRows = new SqliteRowBlocks(database, UsageColumns.RecordTable, UsageColumns.Record, RecordsPerStatement, records.Count))
        {
            foreach (var record in records)
            {
                CpuShare.Offer();
                record.Id = nextId++;
                UsageColumns.WriteRecord(record, record.Id, recordRows.Next());
                recordRows.EndRow();
            }
        }
        using (var dimensionRows = new SqliteRowBlocks(database, UsageColumns.DimensionTable, UsageColumns.Dimension, DimensionsPerStatement, dimensionCount))
        {
            foreach (var record in records)
            {
                CpuShare.Offer();
                foreach (var (name, value) in record.Dims)
                {
                    UsageColumns.WriteDimension(record.Id, name, value, dimensionRows.Next());
                    dimensionRows.EndRow();
                }
            }
        }
        using (var markRows = new SqliteRowBlocks(database, UsageColumns.MarkTable, UsageColumns.Mark, RecordsPerStatement, marks.Count))
        {
            foreach (var mark in marks)
            {
                // The batch's ids, which no other writer can share: the rollup job adds these records to the hour's
                // rollups instead of summing the whole hour again.
                (mark.FirstRecordId, mark.LastRecordId) = (nextId - records.Count, nextId - 1);
                CpuShare.Offer();
                UsageColumns.WriteMark(mark, markRows.Next());
                markRows.EndRow();
            }
        }
        CpuShare.Offer();
        transaction.Commit();
    }

    /// <summary>
    /// A usage row touches pages all over its indexes (the provider's request ids are random), and SQLite's default
    /// page cache (2 MB) keeps few of them: every batch read them back from the file. With an 8 MB cache, and the
    /// WAL checkpointed every 40 MB instead of every 4 MB (a page changed by many batches is copied back once), the
    /// bench/writer benchmark measured about a fifth less CPU per record; 32 MB was no faster. Both last for the
    /// (pooled) connection, and each pooled connection the writer has used keeps a cache that size.
    /// </summary>
    private static void SetForBulkWrites(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 10000;";
        command.ExecuteNonQuery();
    }

    private static long LargestId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{UsageColumns.RecordTable}\"";
        return (long)command.ExecuteScalar()!;
    }
}
