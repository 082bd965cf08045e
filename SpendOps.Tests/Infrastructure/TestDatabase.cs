using Microsoft.Data.SqlClient;
using Npgsql;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one test class: a SQLite file in a temp folder, or a fresh PostgreSQL or SQL Server
/// database on the server named by <c>SPENDOPS_TEST_POSTGRES</c> or <c>SPENDOPS_TEST_SQLSERVER</c>. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? serverAdmin;
    private readonly string? directory;

    private TestDatabase(string provider, string connectionString, string? serverAdmin, string? directory, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.serverAdmin = serverAdmin;
        this.directory = directory;
        Name = name;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public string Name { get; }

    public static TestDatabase Sqlite()
    {
        var directory = TestEnvironment.TempDirectory("db");
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(directory, "spendops.db")}", null, directory, "sqlite");
    }

    /// <summary>A fresh database of <paramref name="kind"/>: the one place test hosts choose SQLite or PostgreSQL.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Postgres => await PostgresAsync(),
        _ => Sqlite(),
    };

    public static async Task<TestDatabase> PostgresAsync()
    {
        var admin = TestEnvironment.PostgresConnectionString
            ?? throw new InvalidOperationException("SPENDOPS_TEST_POSTGRES is not set: start PostgreSQL (see .ci/run) and set it, e.g. Host=127.0.0.1;Port=55432;Username=postgres");
        var name = "spendops_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, admin, null, name);
    }

    public static async Task<TestDatabase> SqlServerAsync()
    {
        var admin = TestEnvironment.SqlServerConnectionString
            ?? throw new InvalidOperationException("SPENDOPS_TEST_SQLSERVER is not set: name a SQL Server, e.g. Server=127.0.0.1,1433;User Id=sa;Password=...;TrustServerCertificate=true");
        var name = "spendops_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new SqlConnection(admin))
        {
            await connection.OpenAsync();
            // A database name cannot be a parameter; it is ours (a fixed prefix and hex digits), not user input.
#pragma warning disable DAP241
            await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
#pragma warning restore DAP241
            await command.ExecuteNonQueryAsync();
        }
        var builder = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
        return new TestDatabase("SqlServer", builder.ConnectionString, admin, null, name);
    }

    /// <summary>The same database with extra connection-string settings (for this handle only; it does not own the data).</summary>
    public TestDatabase WithConnectionSuffix(string suffix) => new(Provider, ConnectionString + suffix, null, null, Name);

    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:SpendOps", ConnectionString),
    ];

    public async ValueTask DisposeAsync()
    {
        if (serverAdmin is not null && Provider == "Postgres")
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(serverAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (serverAdmin is not null && Provider == "SqlServer")
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(serverAdmin);
            await connection.OpenAsync();
            // SINGLE_USER ends the sessions a finishing background writer may still hold, as PostgreSQL's FORCE does.
#pragma warning disable DAP241 // the database name is ours (see SqlServerAsync), and names cannot be parameters
            await using var command = new SqlCommand(
                $"IF DB_ID(N'{Name}') IS NOT NULL BEGIN ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]; END", connection);
#pragma warning restore DAP241
            await command.ExecuteNonQueryAsync();
        }
        if (directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background writer; the temp folder is cleaned by the OS.
            }
        }
    }
}
