using Npgsql;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one test class: a SQLite file in a temp folder, or a fresh PostgreSQL database
/// on the server named by <c>SPENDOPS_TEST_POSTGRES</c>. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? postgresAdmin;
    private readonly string? directory;

    private TestDatabase(string provider, string connectionString, string? postgresAdmin, string? directory, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.postgresAdmin = postgresAdmin;
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

    /// <summary>The same database with extra connection-string settings (for this handle only; it does not own the data).</summary>
    public TestDatabase WithConnectionSuffix(string suffix) => new(Provider, ConnectionString + suffix, null, null, Name);

    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider),
        new("ConnectionStrings:SpendOps", ConnectionString),
    ];

    public async ValueTask DisposeAsync()
    {
        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
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
