using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SpendOps.Core.Keys;

namespace SpendOps.Core.Data;

internal static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{SpendOpsDbContext}"/> (for Blazor components and background work)
    /// and a scoped <see cref="SpendOpsDbContext"/> (for requests and Identity), backed by the engine-specific context.
    /// Configuration is read when the services are first resolved, not here, so hosts and tests that add
    /// configuration after registration are honoured.
    /// </summary>
    public static void AddSpendOpsDatabase(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());

        services.AddDbContextFactory<SqliteSpendOpsDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(sp)).AddInterceptors(new SqlitePragmas(), ChangeVersions));
        services.AddDbContextFactory<PostgresSpendOpsDbContext>((sp, o) => o.UseNpgsql(PostgresConnectionString(sp)).AddInterceptors(ChangeVersions));
        services.AddDbContextFactory<SqlServerSpendOpsDbContext>((sp, o) => o.UseSqlServer(ConnectionString(sp), SqlServerSpendOpsDbContext.Configure).AddInterceptors(ChangeVersions));
        services.TryAddSingleton<IDbContextFactory<SpendOpsDbContext>>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => new ContextFactory<PostgresSpendOpsDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresSpendOpsDbContext>>()),
            DatabaseProvider.SqlServer => new ContextFactory<SqlServerSpendOpsDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerSpendOpsDbContext>>()),
            _ => new ContextFactory<SqliteSpendOpsDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteSpendOpsDbContext>>()),
        });

        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext());
        services.TryAddSingleton<DatabaseMigrator>();
        KeepThreadPoolWarm();
    }

    /// <summary>
    /// SQLite (Microsoft.Data.Sqlite) blocks the calling thread even behind its async APIs. On a one- or two-core host
    /// the thread pool starts with that many threads and grows only every half second, so a job's query would hold up
    /// proxy requests; a few spare threads cost nothing.
    /// </summary>
    private static void KeepThreadPoolWarm()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkerThreads)
            ThreadPool.SetMinThreads(MinWorkerThreads, io);
    }

    private const int MinWorkerThreads = 8;

    // Stateless apart from the transactions of saves in flight, which it tracks per context.
    private static readonly KeyChangeVersions ChangeVersions = new();

    private static string? ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);

    /// <summary>
    /// The configured PostgreSQL connection string with the server's JIT compiler off, unless its <c>Options</c> already
    /// say what JIT should do or <see cref="DatabaseOptions.DisablePostgresJit"/> is false. The analytics queries are estimated above JIT's cost thresholds, and compiling them took
    /// longer than running them (750 ms of a 1.26 s chargeback over a million records).
    /// </summary>
    internal static string? PostgresConnectionString(IServiceProvider services)
    {
        var configured = ConnectionString(services);
        if (string.IsNullOrWhiteSpace(configured) || !services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DisablePostgresJit)
            return configured;
        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException)
        {
            return configured; // Npgsql reports it, with its own message, on the first connection
        }
        if (csb.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true)
            return configured;
        csb.Options = string.IsNullOrWhiteSpace(csb.Options) ? "-c jit=off" : csb.Options + " -c jit=off";
        return csb.ToString();
    }

    /// <summary>Makes a relative SQLite file path absolute (inside <see cref="DataFolder"/>) and creates its folder.</summary>
    internal static string SqliteConnectionString(IServiceProvider services)
    {
        var configured = ConnectionString(services);
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnectionString : configured);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = services.GetRequiredService<DataFolder>().Resolve(source);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<SpendOpsDbContext>
        where TContext : SpendOpsDbContext
    {
        public SpendOpsDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
