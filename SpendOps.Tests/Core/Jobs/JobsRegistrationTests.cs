using Hangfire;
using Hangfire.Storage;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Jobs;

/// <summary>The Hangfire wiring of AddSpendOpsCore: schedules from options, switchable by configuration, and the pricing job really runs.</summary>
public abstract class JobsRegistrationTests(DatabaseKind database)
{
    [DatabaseFact]
    public async Task AddSpendOpsCore_JobsDisabled_NoServerAndNoRecurringJobs()
    {
        await using var host = await PricingTestHost.StartAsync(database, startHost: true);

        var storage = host.Services.GetRequiredService<JobStorage>();

        Assert.Empty(RecurringJobsOf(storage));
        Assert.Empty(storage.GetMonitoringApi().Servers());
    }

    [DatabaseFact]
    public async Task AddSpendOpsCore_JobsEnabled_JobsRegisteredWithConfiguredSchedules()
    {
        await using var host = await PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Pricing:IntervalSeconds"] = "5", ["Jobs:Retention:IntervalMinutes"] = "15", ["Jobs:AlertDispatch:IntervalSeconds"] = "30" },
            startHost: true);

        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobs = RecurringJobsOf(storage).ToDictionary(j => j.Id);

        Assert.Equal(["alert-dispatch", "budgets", "pricing", "retention", "scheduled-reports", "usage-rollups"], jobs.Keys.Order());
        Assert.Equal("*/5 * * * *", jobs["usage-rollups"].Cron);
        Assert.Equal("* * * * *", jobs["budgets"].Cron);
        Assert.Equal("0 * * * *", jobs["scheduled-reports"].Cron);
        Assert.Equal("*/30 * * * * *", jobs["alert-dispatch"].Cron);
        Assert.Equal("*/5 * * * * *", jobs["pricing"].Cron);
        Assert.Equal(nameof(PricingJob.RunAsync), jobs["pricing"].Job.Method.Name);
        Assert.Equal("*/15 * * * *", jobs["retention"].Cron);
        Assert.All(jobs.Values, j => Assert.Equal("UTC", j.TimeZoneId));
        Assert.Single(await AnnouncedServersAsync(storage));
    }

    [DatabaseFact]
    public async Task AddSpendOpsCore_JobsSwitchedOff_OnlyTheOthersRegistered()
    {
        await using var host = await PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Pricing:Enabled"] = "false", ["Jobs:AlertDispatch:Enabled"] = "false", ["Jobs:Reports:Enabled"] = "false", ["Jobs:Rollups:Enabled"] = "false" },
            startHost: true);

        var jobs = RecurringJobsOf(host.Services.GetRequiredService<JobStorage>());

        Assert.Equal(["budgets", "retention"], jobs.Select(j => j.Id).Order());
        Assert.Equal("0 * * * *", jobs.Single(j => j.Id == "retention").Cron);
    }

    [DatabaseFact]
    public async Task AddSpendOpsCore_JobsEnabled_TriggeredPricingJobPricesRecords()
    {
        await using var host = await PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Pricing:IntervalSeconds"] = "3600" },
            startHost: true);
        var tenant = await host.AddTenantAsync("acme");
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(
            new ModelPrice { Provider = "openai", ModelKey = "gpt-4.1", InputPerMTok = 2m, OutputPerMTok = 8m, CreatedBy = "" }, null, "admin@test", default));
        var record = await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", host.Clock.Now, r => r.Tokens.InputTokens = 1000);

        host.Services.GetRequiredService<IRecurringJobManager>().Trigger(PricingJob.Id);
        var priced = await WaitForAsync(host, record.Id, r => r.PricingStatus == PricingStatus.Priced);

        Assert.Equal(0.002m, priced.CostUsd); // 1000 × $2/M
    }

    [DatabaseFact]
    public async Task AddSpendOpsCore_InvalidJobOptions_RefusesToStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Pricing:IntervalSeconds"] = "0", ["Jobs:Pricing:BatchSize"] = "0", ["Jobs:Retention:IntervalMinutes"] = "0" },
            startHost: true));

        Assert.Contains("Jobs:Pricing:IntervalSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Jobs:Pricing:BatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Jobs:Retention:IntervalMinutes", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task AddSpendOpsCore_IntervalCronCannotKeep_RefusesToStartNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Pricing:IntervalSeconds"] = "7", ["Jobs:Retention:IntervalMinutes"] = "90", ["Jobs:Budgets:IntervalSeconds"] = "45" },
            startHost: true));

        Assert.Contains("Jobs:Budgets:IntervalSeconds: 45 cannot be a recurring schedule", error.Message, StringComparison.Ordinal);

        Assert.Contains("Jobs:Pricing:IntervalSeconds: 7 cannot be a recurring schedule", error.Message, StringComparison.Ordinal);
        Assert.Contains("Jobs:Retention:IntervalMinutes: 90 cannot be a recurring schedule", error.Message, StringComparison.Ordinal);
    }

    private static List<RecurringJobDto> RecurringJobsOf(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    /// <summary>The servers in the storage once one has announced itself, which a starting server does shortly after the host starts.</summary>
    private static async Task<IList<Hangfire.Storage.Monitoring.ServerDto>> AnnouncedServersAsync(JobStorage storage)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var servers = storage.GetMonitoringApi().Servers();
            if (servers.Count > 0)
                return servers;
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Polls the database until a Hangfire worker has done its work (a deadline, not a sleep-and-hope).</summary>
    private static async Task<UsageRecord> WaitForAsync(PricingTestHost host, long id, Func<UsageRecord, bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var record = await host.GetRecordAsync(id);
            if (done(record))
                return record;
            await Task.Delay(50, deadline.Token);
        }
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : JobsRegistrationTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : JobsRegistrationTests(DatabaseKind.Postgres);
}
