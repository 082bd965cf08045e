using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SpendOps.Core.Usage;

/// <summary>
/// The columns of one entity's INSERT, taken from the EF model: names, quoting, and each property's conversion to
/// the value the database stores (UTC ticks on SQLite, JSON, enums), so hand-written inserts stay in step with the
/// mapping on every database. Columns of complex properties (<see cref="UsageRecord.Tokens"/>) are included: EF
/// lists them apart from the entity's own properties.
/// </summary>
internal sealed class InsertColumns
{
    private const int OnEntity = -1;

    private readonly PropertyInfo[] owners;
    private readonly (int Owner, PropertyInfo Property, Func<object?, object?>? Convert)[] readers;
    private readonly string tableSql;
    private readonly string columnListSql;
    private readonly string? generatedKeySql;

    public InsertColumns(IEntityType entity, ISqlGenerationHelper sql, bool returnsGeneratedKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var generatedKey = returnsGeneratedKey ? entity.FindPrimaryKey()!.Properties.Single() : null;
        var columns = entity.GetProperties().Where(p => p != generatedKey && p.PropertyInfo is not null)
            .Select(p => (Owner: OnEntity, Property: p)).ToList();
        var complexProperties = entity.GetComplexProperties().ToList();
        for (var owner = 0; owner < complexProperties.Count; owner++)
        {
            var complexType = complexProperties[owner].ComplexType;
            if (complexProperties[owner].PropertyInfo is null || complexType.GetComplexProperties().Any())
                throw new NotSupportedException($"{entity.DisplayName()}.{complexProperties[owner].Name}: only CLR complex properties one level deep are supported.");
            // Contiguous per owner, so Read fetches each complex object once per row.
            columns.AddRange(complexType.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => (owner, p)));
        }
        owners = complexProperties.Select(c => c.PropertyInfo!).ToArray();
        Properties = columns.Select(c => c.Property).ToList();
        // Looked up once per batch: the model's annotations are dictionaries, too slow to consult per value.
        readers = columns.Select(c => (c.Owner, c.Property.PropertyInfo!, c.Property.GetTypeMapping().Converter?.ConvertToProvider)).ToArray();
        tableSql = sql.DelimitIdentifier(table.Name, table.Schema);
        columnListSql = string.Join(", ", Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        generatedKeySql = generatedKey is null ? null : sql.DelimitIdentifier(generatedKey.GetColumnName(table)!);
    }

    /// <summary>The property behind each column, in column order; complex properties' columns come last.</summary>
    public IReadOnlyList<IProperty> Properties { get; }

    public int Count => readers.Length;

    /// <summary>
    /// The INSERT statement with one placeholder per column, in column order; <paramref name="returning"/> says how the
    /// generated key comes back: <c>RETURNING</c> (PostgreSQL, SQLite), <c>OUTPUT INSERTED</c> (SQL Server), or not at
    /// all (SQLite's own API reads it as the last rowid).
    /// </summary>
    public string InsertSql(Func<int, string> placeholder, GeneratedKeyClause returning)
    {
        var key = generatedKeySql is null ? GeneratedKeyClause.None : returning;
        var text = new StringBuilder("INSERT INTO ").Append(tableSql).Append(" (").Append(columnListSql).Append(')');
        if (key == GeneratedKeyClause.OutputInserted)
            text.Append(" OUTPUT INSERTED.").Append(generatedKeySql);
        text.Append(" VALUES (");
        for (var i = 0; i < readers.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(placeholder(i));
        text.Append(')');
        if (key == GeneratedKeyClause.Returning)
            text.Append(" RETURNING ").Append(generatedKeySql);
        return text.ToString();
    }

    /// <summary>
    /// The stored value of every column for <paramref name="entity"/>, in column order, into <paramref name="values"/>
    /// (<see cref="Count"/> long); null for SQL NULL.
    /// </summary>
    public void Read(object entity, object?[] values)
    {
        var ownerIndex = OnEntity;
        object? target = entity;
        for (var i = 0; i < readers.Length; i++)
        {
            var (owner, property, convert) = readers[i];
            if (owner != ownerIndex)
            {
                ownerIndex = owner;
                target = owner == OnEntity ? entity : owners[owner].GetValue(entity);
            }
            var value = target is null ? null : property.GetValue(target);
            values[i] = value is not null && convert is not null ? convert(value) : value;
        }
    }
}
