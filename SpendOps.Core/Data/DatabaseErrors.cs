using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace SpendOps.Core.Data;

/// <summary>Tells a row the database refuses (it will always refuse it) from a database that is unavailable (retry later).</summary>
public static class DatabaseErrors
{
    // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH: https://www.sqlite.org/rescode.html
    private static readonly int[] SqliteDataErrors = [18, 19, 20];

    // SQL Server errors about the row itself (https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors):
    // 2627 unique constraint, 2601 unique index, 547 foreign key or check constraint, 515 NULL into a NOT NULL column,
    // 2628 and 8152 string or binary data too long (2628 from SQL Server 2019 on), 8115 and 220 arithmetic overflow,
    // 8114 and 245 conversion failed. Everything else (deadlock 1205, timeout -2, lost or refused connections such as
    // 4060, 40613, 10053, 10054, 10060, 233, 64, 53, login 18456, resources 701, 1204, 8645) means try again later.
    private static readonly int[] SqlServerDataErrors = [2627, 2601, 547, 515, 2628, 8152, 8115, 220, 8114, 245];

    /// <summary>
    /// True for errors caused by the data itself: PostgreSQL classes 22 (data exception: too long, invalid text) and
    /// 23 (integrity constraint), SQLite's constraint, size and type errors, SQL Server's constraint, length, overflow
    /// and conversion errors.
    /// </summary>
    public static bool IsDataError(Exception exception) => exception.GetBaseException() switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException sqlite => SqliteDataErrors.Contains(sqlite.SqliteErrorCode),
        SqlException sqlServer => IsSqlServerDataError(sqlServer.Number),
        _ => false,
    };

    /// <summary>
    /// True when a unique index refused the row: PostgreSQL 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE (2067) and
    /// SQLITE_CONSTRAINT_PRIMARYKEY (1555), SQL Server 2627 and 2601. Inserts that race on purpose (an alert that several
    /// instances raise at once) read it as "someone else did it first".
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => exception.GetBaseException() switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sqlServer => sqlServer.Number is 2627 or 2601,
        _ => false,
    };

    /// <summary>The classification of one SQL Server error number (SqlException has no public constructor to test with).</summary>
    internal static bool IsSqlServerDataError(int number) => SqlServerDataErrors.Contains(number);
}
