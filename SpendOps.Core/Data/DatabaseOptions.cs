namespace SpendOps.Core.Data;

/// <summary>The <c>Database</c> section; the connection string itself is <c>ConnectionStrings:SpendOps</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "SpendOps";
    public const string DefaultSqliteConnectionString = "Data Source=spendops.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app (or the command line) starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Connect to PostgreSQL with <c>Options=-c jit=off</c>. Off for a connection pooler that refuses startup options
    /// (PgBouncer before 1.20, some hosted poolers); then <c>ALTER ROLE … SET jit = off</c> does the same on the server.
    /// </summary>
    public bool DisablePostgresJit { get; set; } = true;
}
