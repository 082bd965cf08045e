using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>
/// The real Core services (AddSpendOpsCore) over a SQLite file in a temp folder, jobs off, with a manual clock.
/// The schema comes from the real migrations.
/// </summary>
/// <remarks>
/// With <c>SPENDOPS_TEST_POSTGRES</c> set to a server connection string without a database
/// (<c>Host=127.0.0.1;Port=5432;Username=postgres</c>), each host gets its own PostgreSQL database instead,
/// dropped on dispose.
/// </remarks>
internal sealed class PricingTestHost : IAsyncDisposable
{
    private readonly string folder;
    private bool started;

    private PricingTestHost(IHost host, string folder, ManualClock clock)
    {
        Host = host;
        this.folder = folder;
        Clock = clock;
    }

    public IHost Host { get; }
    public ManualClock Clock { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<PricingTestHost> StartAsync(Dictionary<string, string?>? settings = null, bool startHost = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "spendops-pricing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Testing" });
        var postgres = Environment.GetEnvironmentVariable("SPENDOPS_TEST_POSTGRES");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:SpendOps"] = string.IsNullOrEmpty(postgres)
                ? $"Data Source={Path.Combine(folder, "spendops.db")}"
                : $"{postgres};Database=spendops_test_{Guid.NewGuid():N}",
            ["Database:Provider"] = string.IsNullOrEmpty(postgres) ? "Sqlite" : "Postgres",
            ["Database:MigrateOnStartup"] = "false",
            ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            ["Jobs:Enabled"] = "false",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddSpendOpsCore();
        var host = builder.Build();

        var test = new PricingTestHost(host, folder, clock);
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
        await using (var db = await CreateContextAsync())
        {
            if (!db.Database.IsSqlite())
                await db.Database.EnsureDeletedAsync();
        }
        Host.Dispose();
        SqliteConnection.ClearAllPools();
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
