using Npgsql;
using NpgsqlTypes;

namespace SpendOps.Core.Usage;

/// <summary>Writes each value of a binary COPY row as its column's PostgreSQL type, through Npgsql's generic (unboxed) writes.</summary>
internal sealed class PostgresColumnWriter(NpgsqlBinaryImporter importer) : IUsageColumnWriter
{
    public void Null() => importer.WriteNull();

    public void Int32(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void Int64(long value) => importer.Write(value, NpgsqlDbType.Bigint);

    public void Boolean(bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public void Double(double value) => importer.Write(value, NpgsqlDbType.Double);

    public void Text(string value) => importer.Write(value, NpgsqlDbType.Text);

    public void Uuid(Guid value) => importer.Write(value, NpgsqlDbType.Uuid);

    public void Money(decimal value) => importer.Write(value, NpgsqlDbType.Numeric);

    /// <summary>Npgsql writes a <c>timestamptz</c> only from a UTC offset; the instant is the same.</summary>
    public void Time(DateTimeOffset value) => importer.Write(value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
}
