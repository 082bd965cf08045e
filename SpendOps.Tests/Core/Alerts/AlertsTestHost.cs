using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>
/// One SpendOps instance without HTTP: the real Core services (AddSpendOpsCore) over the test's database, jobs off, a
/// manual clock. Two of them on one database are two instances sharing it. Not started: tests run the dispatcher.
/// </summary>
internal sealed class AlertsTestHost : IDisposable
{
    public const string SigningSecret = "test-signing-secret-0123456789abcdef";

    private AlertsTestHost(IHost host, ManualClock clock)
    {
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }
    public ManualClock Clock { get; }
    public IServiceProvider Services => Host.Services;
    public AlertDispatcher Dispatcher => Services.GetRequiredService<AlertDispatcher>();

    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<AlertsTestHost> CreateAsync(TestDatabase database, IEnumerable<KeyValuePair<string, string?>>? settings = null, ManualClock? clock = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = TestEnvironment.TempDirectory("alerts"),
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            ["Jobs:Enabled"] = "false",
            ["Alerts:Webhook:SigningSecret"] = SigningSecret,
            ["Alerts:RetryBaseDelaySeconds"] = "30",
            ["Alerts:RetryMaxDelaySeconds"] = "600",
            ["Alerts:PortalUrl"] = "https://spendops.example.com/",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        clock ??= new ManualClock(Start);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Logging.AddProvider(new RunLogProvider());
        builder.Logging.AddFilter<RunLogProvider>("SpendOps", LogLevel.Debug);
        builder.AddSpendOpsCore();
        var host = new AlertsTestHost(builder.Build(), clock);
        await using var db = await host.CreateContextAsync();
        await db.Database.MigrateAsync();
        return host;
    }

    public async Task<SpendOpsDbContext> CreateContextAsync() =>
        await Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContextAsync();

    public async Task<Tenant> AddTenantAsync(string name)
    {
        await using var db = await CreateContextAsync();
        var tenant = new Tenant { Name = name, CreatedAt = Clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant;
    }

    /// <summary>Saves the notice's deliveries as the alert evaluation does: through the outbox, in one SaveChanges.</summary>
    public async Task EnqueueAsync(AlertNotice notice, params string[] recipients)
    {
        await using var db = await CreateContextAsync();
        Services.GetRequiredService<AlertOutbox>().Enqueue(db, recipients.Select(AlertRecipient.Parse).ToList(), notice);
        await db.SaveChangesAsync();
    }

    public async Task<List<AlertDelivery>> DeliveriesAsync()
    {
        await using var db = await CreateContextAsync();
        return await db.AlertDeliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.Recipient).ToListAsync();
    }

    /// <summary>A threshold notice: "team-backend" at 80 % of $500 in December 2026.</summary>
    public static AlertNotice ThresholdNotice(Tenant tenant, DateTimeOffset raisedAt, Guid? alertId = null) => new(
        alertId ?? Guid.NewGuid(), tenant.Id, tenant.Name, Guid.Parse("0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11"), "team-backend", AlertKind.Threshold, 80,
        400.00m, 500.00m, 612.40m,
        new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), raisedAt);

    public void Dispose() => Host.Dispose();
}
