using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;

namespace SpendOps.Core.Jobs;

/// <summary>Hangfire's storage for the configured database (<c>Database:Provider</c>).</summary>
internal static class JobStorageFactory
{
    /// <summary>The schema Hangfire.PostgreSql creates and migrates by itself on start, apart from the EF Core tables.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>The schema Hangfire.SqlServer creates and migrates by itself on start.</summary>
    public const string SqlServerSchema = "HangFire";

    public static JobStorage Create(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);
        // Idle workers look for enqueued jobs this often; Hangfire's default 15 s is longer than the pricing interval.
        var queuePollInterval = RecurringJobs.SchedulePollingInterval(services.GetRequiredService<IOptions<JobsOptions>>().Value);
        return provider switch
        {
            DatabaseProvider.Postgres => Postgres(connectionString!, queuePollInterval),
            DatabaseProvider.SqlServer => SqlServer(connectionString!, queuePollInterval),
            DatabaseProvider.Sqlite => Sqlite(),
            _ => throw new InvalidOperationException($"Database:Provider {provider} has no Hangfire storage."),
        };
    }

    /// <summary>
    /// The same database as the EF Core tables, so every instance sharing it shares the schedule: a recurring job is
    /// enqueued once per occurrence (Hangfire's scheduler takes a distributed lock) and each job is fetched by one worker.
    /// </summary>
    private static PostgreSqlStorage Postgres(string connectionString, TimeSpan queuePollInterval)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = PostgresSchema, PrepareSchemaIfNecessary = true, QueuePollInterval = queuePollInterval };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// As on PostgreSQL, in Hangfire's own schema of the same database. Connections come from Microsoft.Data.SqlClient
    /// (the client EF Core uses), not the deprecated System.Data.SqlClient.
    /// </summary>
    private static SqlServerStorage SqlServer(string connectionString, TimeSpan queuePollInterval) =>
        new(() => new SqlConnection(connectionString),
            new SqlServerStorageOptions { SchemaName = SqlServerSchema, PrepareSchemaIfNecessary = true, QueuePollInterval = queuePollInterval });

    /// <summary>
    /// In memory: a SQLite deployment is one instance, so there is nobody to share a schedule with, and recurring jobs are
    /// registered again from options at every start. Hangfire.Storage.SQLite (the community storage) was not used:
    /// it brings sqlite-net-pcl 1.11, which lifts SQLitePCLRaw.core and provider.e_sqlite3 from the 2.1.13 that EF Core's
    /// bundle_e_sqlite3 is built against to 3.0.3, and adds a second libe_sqlite3.so (SourceGear.sqlite3) beside EF's.
    /// </summary>
    private static InMemoryStorage Sqlite() => new(new InMemoryStorageOptions());
}
