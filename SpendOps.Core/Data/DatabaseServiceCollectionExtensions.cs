using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SpendOps.Core.Data;

internal static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{SpendOpsDbContext}"/> (for Blazor components and background work)
    /// and a scoped <see cref="SpendOpsDbContext"/> (for requests and Identity), backed by the engine-specific context.
    /// </summary>
    public static void AddSpendOpsDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:SpendOps is empty. Set it, e.g. ConnectionStrings__SpendOps='Host=db;Database=spendops;Username=spendops;Password=...'.");
                builder.Services.AddDbContextFactory<PostgresSpendOpsDbContext>(o => o.UseNpgsql(connectionString));
                builder.Services.TryAddSingleton<IDbContextFactory<SpendOpsDbContext>, ContextFactory<PostgresSpendOpsDbContext>>();
                break;
            default:
                var sqlite = ResolveSqlitePath(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, builder.Environment.ContentRootPath);
                builder.Services.AddDbContextFactory<SqliteSpendOpsDbContext>(o => o.UseSqlite(sqlite));
                builder.Services.TryAddSingleton<IDbContextFactory<SpendOpsDbContext>, ContextFactory<SqliteSpendOpsDbContext>>();
                break;
        }

        builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext());
        builder.Services.TryAddSingleton<DatabaseMigrator>();
    }

    /// <summary>Makes a relative SQLite file path absolute (against the content root) and creates its folder.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        if (!connectionString.Contains("Pooling", StringComparison.OrdinalIgnoreCase))
            csb.Pooling = true;
        return csb.ToString();
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<SpendOpsDbContext>
        where TContext : SpendOpsDbContext
    {
        public SpendOpsDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
