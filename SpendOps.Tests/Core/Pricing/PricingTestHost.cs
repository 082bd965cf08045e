using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>
/// The real Core services (AddSpendOpsCore) over a fresh SQLite or PostgreSQL database (<see cref="TestDatabase"/>),
/// jobs off, with a manual clock. The schema comes from the real migrations; the database is dropped on dispose.
/// </summary>
internal sealed class PricingTestHost : IAsyncDisposable
{
    private readonly string folder;
    private readonly TestDatabase database;
    private bool started;

    private PricingTestHost(IHost host, string folder, TestDatabase database, ManualClock clock)
    {
        Host = host;
        this.folder = folder;
        this.database = database;
        Clock = clock;
    }

    public IHost Host { get; }
    public ManualClock Clock { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<PricingTestHost> StartAsync(DatabaseKind databaseKind, Dictionary<string, string?>? settings = null, bool startHost = false)
    {
        var database = await TestDatabase.CreateAsync(databaseKind);
        var folder = Path.Combine(Path.GetTempPath(), "spendops-pricing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            ["Jobs:Enabled"] = "false",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Logging.AddProvider(new RunLogProvider());
        builder.Logging.AddFilter<RunLogProvider>("SpendOps", LogLevel.Debug);
        builder.AddSpendOpsCore();
        IHost host;
        try
        {
            host = builder.Build();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        var test = new PricingTestHost(host, folder, database, clock);
        await using (var db = await test.CreateContextAsync())
            await db.Database.MigrateAsync();
        if (startHost)
        {
            try
            {
                await host.StartAsync();
            }
            catch
            {
                await test.DisposeAsync();
                throw;
            }
            test.started = true;
        }
        return test;
    }

    public async Task<SpendOpsDbContext> CreateContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContextAsync();

    /// <summary>Runs <paramref name="action"/> with services of a fresh DI scope (a request, a portal operation).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<Tenant> AddTenantAsync(string name)
    {
        await using var db = await CreateContextAsync();
        var tenant = new Tenant { Name = name, CreatedAt = Clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant;
    }

    public async Task<UsageRecord> AddRecordAsync(Guid tenantId, string provider, string model, DateTimeOffset at, Action<UsageRecord>? configure = null)
    {
        await using var db = await CreateContextAsync();
        var record = new UsageRecord
        {
            RequestId = Guid.NewGuid().ToString("N"),
            TenantId = tenantId,
            Timestamp = at,
            Provider = provider,
            Endpoint = "chat",
            ModelRequested = model,
            UsageComplete = true,
        };
        configure?.Invoke(record);
        db.UsageRecords.Add(record);
        await db.SaveChangesAsync();
        return record;
    }

    public async Task<UsageRecord> GetRecordAsync(long id)
    {
        await using var db = await CreateContextAsync();
        return await db.UsageRecords.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
            await Host.StopAsync();
        Host.Dispose();
        await database.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that already passed.
        }
    }
}
