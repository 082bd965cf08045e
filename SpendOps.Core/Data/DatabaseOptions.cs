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
}
