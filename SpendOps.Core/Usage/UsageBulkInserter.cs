using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>
/// Inserts usage records and their dimension rows with two prepared statements in one transaction. The proxy's
/// writer runs on the same cores as the proxy, and EF's change tracking costs far more per row than the insert
/// itself; columns, conversions (UTC ticks on SQLite, JSON, enums) and quoting still come from the EF model, so
/// this stays in step with the mapping on every database.
/// </summary>
public static class UsageBulkInserter
{
    public static async Task InsertAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
            return;
        var sql = db.GetService<ISqlGenerationHelper>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            using var insertRecord = Prepare(connection, transaction, db.Model.FindEntityType(typeof(UsageRecord))!, sql, returnKey: true);
            using var insertDimension = Prepare(connection, transaction, db.Model.FindEntityType(typeof(UsageDimension))!, sql, returnKey: false);
            foreach (var record in records)
            {
                insertRecord.Bind(record);
                record.Id = Convert.ToInt64(await insertRecord.Command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (name, value) in record.Dims)
                {
                    insertDimension.Bind(new UsageDimension { UsageRecordId = record.Id, Name = name, Value = value });
                    await insertDimension.Command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static PreparedInsert Prepare(DbConnection connection, DbTransaction transaction, IEntityType entity, ISqlGenerationHelper sql, bool returnKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties;
        var generatedKey = returnKey ? key.Single() : null;
        var properties = entity.GetProperties().Where(p => p != generatedKey && p.PropertyInfo is not null).ToList();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (");
        text.AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        text.Append(") VALUES (");
        for (var i = 0; i < properties.Count; i++)
        {
            var placeholder = sql.GenerateParameterNamePlaceholder("p" + i);
            text.Append(i == 0 ? "" : ", ").Append(placeholder);
            // Named exactly as in the SQL ("@p0"), so the driver finds it on its first lookup, not after trying prefixes.
            command.Parameters.Add(properties[i].GetRelationalTypeMapping().CreateParameter(command, placeholder, null, properties[i].IsNullable));
        }
        text.Append(')');
        if (generatedKey is not null)
            text.Append(" RETURNING ").Append(sql.DelimitIdentifier(generatedKey.GetColumnName(table)!));
        command.CommandText = text.ToString();
        command.Prepare();
        return new PreparedInsert(command, properties);
    }

    private sealed class PreparedInsert(DbCommand command, List<IProperty> properties) : IDisposable
    {
        // Looked up once per batch: the model's annotations are dictionaries, too slow to consult per value.
        private readonly (System.Reflection.PropertyInfo Property, Func<object?, object?>? Convert)[] columns =
            properties.Select(p => (p.PropertyInfo!, p.GetTypeMapping().Converter?.ConvertToProvider)).ToArray();

        public DbCommand Command => command;

        public void Bind(object entity)
        {
            var parameters = command.Parameters;
            for (var i = 0; i < columns.Length; i++)
            {
                var (property, convert) = columns[i];
                var value = property.GetValue(entity);
                if (value is not null && convert is not null)
                    value = convert(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
        }

        public void Dispose() => command.Dispose();
    }
}
