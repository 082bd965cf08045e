using Microsoft.Data.Sqlite;
using Npgsql;

namespace SpendOps.Core.Data;

/// <summary>Tells a row the database refuses (it will always refuse it) from a database that is unavailable (retry later).</summary>
public static class DatabaseErrors
{
    // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH: https://www.sqlite.org/rescode.html
    private static readonly int[] SqliteDataErrors = [18, 19, 20];

    /// <summary>
    /// True for errors caused by the data itself: PostgreSQL classes 22 (data exception: too long, invalid text) and
    /// 23 (integrity constraint), SQLite's constraint, size and type errors.
    /// </summary>
    public static bool IsDataError(Exception exception) => exception.GetBaseException() switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException sqlite => SqliteDataErrors.Contains(sqlite.SqliteErrorCode),
        _ => false,
    };
}
