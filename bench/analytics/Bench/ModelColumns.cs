using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// Every stored column of one entity, taken from the product's EF model (names, complex-property columns, value
/// conversions such as enums, JSON and SQLite's UTC ticks), so the COPY and the prepared insert write exactly what EF
/// would.
/// </summary>
internal sealed class ModelColumns
{
    private readonly (Func<object, object?> Read, Func<object?, object?>? Convert, NpgsqlDbType Type)[] columns;

    public ModelColumns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var list = new List<(string Name, IProperty Property, Func<object, object?> Read)>();
        foreach (var property in entity.GetProperties().Where(p => p.PropertyInfo is not null))
            list.Add((property.GetColumnName(table)!, property, e => property.PropertyInfo!.GetValue(e)));
        foreach (var complex in entity.GetComplexProperties())
            foreach (var property in complex.ComplexType.GetProperties().Where(p => p.PropertyInfo is not null))
                list.Add((property.GetColumnName(table)!, property, e => complex.PropertyInfo!.GetValue(e) is { } owner ? property.PropertyInfo!.GetValue(owner) : null));
        Properties = list.Select(c => c.Property).ToList();
        columns = list.Select(c => (c.Read, c.Property.GetTypeMapping().Converter?.ConvertToProvider, TypeOf(c.Property))).ToArray();
        var names = string.Join(", ", list.Select(c => $"\"{c.Name}\""));
        CopySql = $"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)";
        InsertSql = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({string.Join(", ", list.Select((_, i) => $"$p{i}"))})";
    }

    public string CopySql { get; }

    /// <summary>An INSERT with one parameter per column, <c>$p0</c>, <c>$p1</c>, … in column order.</summary>
    public string InsertSql { get; }

    public IReadOnlyList<IProperty> Properties { get; }

    public int Count => columns.Length;

    public (object? Value, NpgsqlDbType Type) Value(object entity, int column)
    {
        var (read, convert, type) = columns[column];
        var value = read(entity);
        return (value is not null && convert is not null ? convert(value) : value, type);
    }

    private static NpgsqlDbType TypeOf(IProperty property)
    {
        var stored = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        stored = Nullable.GetUnderlyingType(stored) ?? stored;
        return stored switch
        {
            _ when stored == typeof(string) => NpgsqlDbType.Text,
            _ when stored == typeof(long) => NpgsqlDbType.Bigint,
            _ when stored == typeof(int) => NpgsqlDbType.Integer,
            _ when stored == typeof(short) => NpgsqlDbType.Smallint,
            _ when stored == typeof(bool) => NpgsqlDbType.Boolean,
            _ when stored == typeof(double) => NpgsqlDbType.Double,
            _ when stored == typeof(decimal) => NpgsqlDbType.Numeric,
            _ when stored == typeof(Guid) => NpgsqlDbType.Uuid,
            _ when stored == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            // Only COPY needs the type; the SQLite insert binds through EF's own mapping.
            _ => NpgsqlDbType.Unknown,
        };
    }
}
