using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SpendOps.Core.Usage;

/// <summary>
/// One prepared SQLite INSERT, bound by position straight through SQLite's C API. Microsoft.Data.Sqlite looks every
/// parameter up by name on every execution and builds a data reader to return a generated key; for the usage
/// writer's ~40 columns per record that cost several times the insert itself, on the cores the proxy runs on.
/// Values are stored exactly as Microsoft.Data.Sqlite stores them (decimals and Guids as text), so EF reads them back
/// unchanged.
/// </summary>
internal sealed class SqliteRowInserter : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private readonly InsertColumns columns;
    private readonly object?[] values;

    public SqliteRowInserter(SqliteConnection connection, InsertColumns columns)
    {
        database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        this.columns = columns;
        values = new object?[columns.Count];
        var sql = columns.InsertSql(i => "?" + (i + 1).ToString(CultureInfo.InvariantCulture), GeneratedKeyClause.None);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out statement), database);
    }

    /// <summary>Inserts one row and returns its rowid (the generated key of an INTEGER PRIMARY KEY table).</summary>
    public long Insert(object entity)
    {
        try
        {
            columns.Read(entity, values);
            for (var i = 0; i < values.Length; i++)
                SqliteException.ThrowExceptionForRC(Bind(i + 1, values[i]), database);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, database);
            return raw.sqlite3_last_insert_rowid(database);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private int Bind(int position, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, position),
        string text => raw.sqlite3_bind_text(statement, position, text),
        long number => raw.sqlite3_bind_int64(statement, position, number),
        int number => raw.sqlite3_bind_int64(statement, position, number),
        bool flag => raw.sqlite3_bind_int64(statement, position, flag ? 1 : 0),
        double real when double.IsNaN(real) => throw new InvalidOperationException("Cannot store NaN values."),
        double real => raw.sqlite3_bind_double(statement, position, real),
        decimal money => raw.sqlite3_bind_text(statement, position, money.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        Guid id => raw.sqlite3_bind_text(statement, position, id.ToString().ToUpperInvariant()),
        byte[] bytes => raw.sqlite3_bind_blob(statement, position, bytes),
        Enum member => raw.sqlite3_bind_int64(statement, position, Convert.ToInt64(member, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name} values."),
    };

    public void Dispose() => statement.Dispose();
}
