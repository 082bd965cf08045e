using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SpendOps.Core.Usage;

/// <summary>
/// The columns of one entity's INSERT, taken from the EF model: names, quoting, and each property's conversion to
/// the value the database stores (UTC ticks on SQLite, JSON, enums), so hand-written inserts stay in step with the
/// mapping on every database.
/// </summary>
internal sealed class InsertColumns
{
    private readonly (System.Reflection.PropertyInfo Property, Func<object?, object?>? Convert)[] readers;
    private readonly string tableSql;
    private readonly string columnListSql;
    private readonly string? generatedKeySql;

    public InsertColumns(IEntityType entity, ISqlGenerationHelper sql, bool returnsGeneratedKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var generatedKey = returnsGeneratedKey ? entity.FindPrimaryKey()!.Properties.Single() : null;
        Properties = entity.GetProperties().Where(p => p != generatedKey && p.PropertyInfo is not null).ToList();
        // Looked up once per batch: the model's annotations are dictionaries, too slow to consult per value.
        readers = Properties.Select(p => (p.PropertyInfo!, p.GetTypeMapping().Converter?.ConvertToProvider)).ToArray();
        tableSql = sql.DelimitIdentifier(table.Name, table.Schema);
        columnListSql = string.Join(", ", Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        generatedKeySql = generatedKey is null ? null : sql.DelimitIdentifier(generatedKey.GetColumnName(table)!);
    }

    public IReadOnlyList<IProperty> Properties { get; }

    public int Count => readers.Length;

    /// <summary>
    /// The INSERT statement with one placeholder per column, in column order; <paramref name="returning"/> adds
    /// <c>RETURNING</c> for the generated key (SQLite's own API reads it as the last rowid instead).
    /// </summary>
    public string InsertSql(Func<int, string> placeholder, bool returning)
    {
        var text = new StringBuilder("INSERT INTO ").Append(tableSql).Append(" (").Append(columnListSql).Append(") VALUES (");
        for (var i = 0; i < readers.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(placeholder(i));
        text.Append(')');
        if (returning && generatedKeySql is not null)
            text.Append(" RETURNING ").Append(generatedKeySql);
        return text.ToString();
    }

    /// <summary>The stored value of column <paramref name="index"/> for <paramref name="entity"/>, null for SQL NULL.</summary>
    public object? Read(object entity, int index)
    {
        var (property, convert) = readers[index];
        var value = property.GetValue(entity);
        return value is not null && convert is not null ? convert(value) : value;
    }
}
