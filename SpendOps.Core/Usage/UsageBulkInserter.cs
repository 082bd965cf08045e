using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SpendOps.Core.Data;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// Inserts usage records and their dimension rows in one transaction, bypassing EF's change tracking, which costs far
/// more per row than the insert itself on the cores the proxy runs on. PostgreSQL gets binary COPY
/// (<see cref="PostgresUsageCopy"/>), SQLite multi-row statements bound through SQLite's own API
/// (<see cref="SqliteUsageInserter"/>), both from the typed column list <see cref="UsageColumns"/>; elsewhere (SQL Server)
/// prepared ADO.NET commands built from the EF model.
/// </summary>
public static class UsageBulkInserter
{
    /// <summary>
    /// Stores the records and returns those stored by this call. On PostgreSQL a record whose RequestId is stored already
    /// (a replay) is skipped (not returned, id left 0) without failing the others; elsewhere it fails the whole batch
    /// as a unique violation. On SQLite, which works on the calling thread, the batch offers the CPU to other threads
    /// now and then when the thread shares it (<see cref="CpuShare"/>).
    /// </summary>
    public static async Task<IReadOnlyList<UsageRecord>> InsertAsync(
        SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
            return [];
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            switch (db.Database.GetDbConnection())
            {
                case SqliteConnection sqlite:
                    UsageColumns.Verify(db.Model);
                    SqliteUsageInserter.Insert(sqlite, records, Marks(records));
                    return records as IReadOnlyList<UsageRecord> ?? records.ToList();
                case NpgsqlConnection postgres:
                    UsageColumns.Verify(db.Model);
                    return await PostgresUsageCopy.InsertAsync(postgres, records, Marks(records), cancellationToken);
                default:
                    await InsertWithCommandsAsync(db, records, cancellationToken);
                    return records as IReadOnlyList<UsageRecord> ?? records.ToList();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The portable path: ADO.NET commands, built (and, except on SQL Server, prepared) once per batch. Internal so tests can compare it with the SQLite path.</summary>
    internal static async Task InsertWithCommandsAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        var (recordColumns, dimensionColumns) = Columns(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        // SQL Server has no RETURNING. OUTPUT without INTO is refused on a table with triggers; these tables have none.
        var returning = db.Database.IsSqlServer() ? GeneratedKeyClause.OutputInserted : GeneratedKeyClause.Returning;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var insertRecord = new CommandInsert(connection, transaction, recordColumns, sql, returning);
        using var insertDimension = new CommandInsert(connection, transaction, dimensionColumns, sql, GeneratedKeyClause.None);
        using var insertMark = new CommandInsert(connection, transaction, MarkColumns(db), sql, GeneratedKeyClause.None);
        foreach (var record in records)
        {
            insertRecord.Bind(record);
            record.Id = Convert.ToInt64(await insertRecord.Command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            foreach (var (name, value) in record.Dims)
            {
                insertDimension.Bind(new UsageDimension { UsageRecordId = record.Id, Name = name, Value = value });
                await insertDimension.Command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        foreach (var mark in Marks(records))
        {
            insertMark.Bind(mark);
            await insertMark.Command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static (InsertColumns Records, InsertColumns Dimensions) Columns(SpendOpsDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return (new InsertColumns(db.Model.FindEntityType(typeof(UsageRecord))!, sql, returnsGeneratedKey: true),
            new InsertColumns(db.Model.FindEntityType(typeof(UsageDimension))!, sql, returnsGeneratedKey: false));
    }

    /// <summary>The batch's hours for the rollup job (<see cref="RollupDirtyHour"/>): usually one row per tenant per batch.</summary>
    private static List<RollupDirtyHour> Marks(IReadOnlyCollection<UsageRecord> records) => RollupMarks.For(records.Select(r => (r.TenantId, r.Timestamp))).ToList();

    private static InsertColumns MarkColumns(SpendOpsDbContext db) =>
        new(db.Model.FindEntityType(typeof(RollupDirtyHour))!, db.GetService<ISqlGenerationHelper>(), returnsGeneratedKey: true);

    private sealed class CommandInsert : IDisposable
    {
        private readonly InsertColumns columns;
        private readonly object?[] values;

        public CommandInsert(DbConnection connection, DbTransaction transaction, InsertColumns columns, ISqlGenerationHelper sql, GeneratedKeyClause returning)
        {
            this.columns = columns;
            values = new object?[columns.Count];
            Command = connection.CreateCommand();
            Command.Transaction = transaction;
            // Named exactly as in the SQL ("@p0"), so the driver finds each on its first lookup, not after trying prefixes.
            var placeholders = Enumerable.Range(0, columns.Count).Select(i => sql.GenerateParameterNamePlaceholder("p" + i)).ToArray();
            for (var i = 0; i < columns.Count; i++)
            {
                var property = columns.Properties[i];
                var parameter = property.GetRelationalTypeMapping().CreateParameter(Command, placeholders[i], null, property.IsNullable);
                // EF sizes a SQL Server text parameter for the value it is created with (here none: the column's length),
                // and SqlClient silently cuts longer values to that size. Unbounded, a value too long for its column is
                // refused by the server (error 2628), as PostgreSQL refuses it, instead of stored shortened.
                if (parameter is SqlParameter { SqlDbType: SqlDbType.NVarChar or SqlDbType.VarChar or SqlDbType.VarBinary } text)
                    text.Size = -1;
                Command.Parameters.Add(parameter);
            }
            Command.CommandText = columns.InsertSql(i => placeholders[i], returning);
            // SqlClient's Prepare refuses datetimeoffset parameters without a Size, and gains little: SQL Server caches the
            // plan of the same parameterized statement (sp_executesql) anyway.
            if (connection is not SqlConnection)
                Command.Prepare();
        }

        public DbCommand Command { get; }

        public void Bind(object entity)
        {
            var parameters = Command.Parameters;
            columns.Read(entity, values);
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
        }

        public void Dispose() => Command.Dispose();
    }
}
