using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SpendOps.Core.Usage;

/// <summary>
/// One prepared multi-row SQLite INSERT (<c>VALUES (…), (…), …</c>), bound by position straight through SQLite's C API
/// and reused for every block of rows of a batch. Microsoft.Data.Sqlite looks every parameter up by name on every
/// execution and boxes every value; for ~40 columns per usage record that costs several times the insert itself, on
/// the cores the proxy runs on. Values are stored exactly as Microsoft.Data.Sqlite stores them (decimals and Guids as
/// text, times as UTC ticks per the SQLite model), so EF reads them back unchanged.
/// </summary>
internal sealed class SqliteRowStatement : IUsageColumnWriter, IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private int position;

    public SqliteRowStatement(sqlite3 database, string table, string[] columns, int rows)
    {
        this.database = database;
        Rows = rows;
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Length)) + ")";
        var sql = new StringBuilder("INSERT INTO \"").Append(table).Append("\" (")
            .AppendJoin(", ", columns.Select(c => "\"" + c + "\"")).Append(") VALUES ")
            .AppendJoin(", ", Enumerable.Repeat(row, rows)).ToString();
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out statement), database);
    }

    /// <summary>Rows per execution: every value of all of them is bound before <see cref="Execute"/>.</summary>
    public int Rows { get; }

    public void Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, database);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            position = 0;
        }
    }

    public void Null() => Check(raw.sqlite3_bind_null(statement, ++position));

    public void Int32(int value) => Check(raw.sqlite3_bind_int64(statement, ++position, value));

    public void Int64(long value) => Check(raw.sqlite3_bind_int64(statement, ++position, value));

    public void Boolean(bool value) => Check(raw.sqlite3_bind_int64(statement, ++position, value ? 1 : 0));

    public void Double(double value)
    {
        if (double.IsNaN(value))
            throw new InvalidOperationException("Cannot store NaN values.");
        Check(raw.sqlite3_bind_double(statement, ++position, value));
    }

    public void Text(string value) => Check(raw.sqlite3_bind_text(statement, ++position, value));

    /// <summary>Upper-case text, as Microsoft.Data.Sqlite writes a Guid; formatted on the stack, as every record has several.</summary>
    public void Uuid(Guid value)
    {
        Span<byte> text = stackalloc byte[36];
        value.TryFormat(text, out _);
        Ascii.ToUpperInPlace(text, out _);
        Utf8(text);
    }

    public void Money(decimal value)
    {
        // At most 29 digits, a sign, a point and a leading or trailing zero: 32 bytes.
        Span<byte> text = stackalloc byte[48];
        if (value.TryFormat(text, out var written, MoneyFormat, CultureInfo.InvariantCulture))
            Utf8(text[..written]);
        else
            Text(value.ToString(MoneyFormat, CultureInfo.InvariantCulture));
    }

    private const string MoneyFormat = "0.0###########################";

    /// <summary>SQLite copies the bytes before this returns (SQLITE_TRANSIENT), so they may live on the stack.</summary>
    private void Utf8(ReadOnlySpan<byte> text) => Check(raw.sqlite3_bind_text(statement, ++position, text));

    public void Time(DateTimeOffset value) => Int64(value.UtcTicks);

    public void Dispose() => statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, database);
}
