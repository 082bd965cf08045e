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

    public InsertColumns(IEntityType entity, ISqlGenerationHelper sql, bool returnsGeneratedKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var generatedKey = returnsGeneratedKey ? entity.FindPrimaryKey()!.Properties.Single() : null;
        Properties = entity.GetProperties().Where(p => p != generatedKey && p.PropertyInfo is not null).ToList();
        // Looked up once per batch: the model's annotations are dictionaries, too slow to consult per value.
        readers = Properties.Select(p => (p.PropertyInfo!, p.GetTypeMapping().Converter?.ConvertToProvider)).ToArray();
        TableSql = sql.DelimitIdentifier(table.Name, table.Schema);
        ColumnListSql = string.Join(", ", Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        GeneratedKeySql = generatedKey is null ? null : sql.DelimitIdentifier(generatedKey.GetColumnName(table)!);
    }

    public IReadOnlyList<IProperty> Properties { get; }

    public int Count => readers.Length;

    public string TableSql { get; }

    public string ColumnListSql { get; }

    /// <summary>The generated key column, when the insert must return it.</summary>
    public string? GeneratedKeySql { get; }

    /// <summary>The INSERT statement with one placeholder per column, in column order.</summary>
    public string InsertSql(Func<int, string> placeholder, bool returning)
    {
        var text = new StringBuilder("INSERT INTO ").Append(TableSql).Append(" (").Append(ColumnListSql).Append(") VALUES (");
        for (var i = 0; i < readers.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(placeholder(i));
        text.Append(')');
        if (returning && GeneratedKeySql is not null)
            text.Append(" RETURNING ").Append(GeneratedKeySql);
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
