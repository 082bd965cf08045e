using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>The Quartz wiring of AddSpendOpsCore: switchable by configuration, and the pricing job really runs.</summary>
public sealed class JobsRegistrationTests
{
    [Fact]
    public async Task AddSpendOpsCore_JobsDisabled_SchedulerNotStarted()
    {
        await using var host = await PricingTestHost.StartAsync(startHost: true);

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.Equal(SchedulerStatus.Created, scheduler.Status);
    }

    [Fact]
    public async Task AddSpendOpsCore_JobsEnabled_PricingJobScheduledAndPricesRecords()
    {
        await using var host = await PricingTestHost.StartAsync(
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Pricing:IntervalSeconds"] = "3600" },
            startHost: true);
        var tenant = await host.AddTenantAsync("acme");
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(
            new ModelPrice { Provider = "openai", ModelKey = "gpt-4.1", InputPerMTok = 2m, OutputPerMTok = 8m, CreatedBy = "" }, null, "admin@test", default));
        var record = await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", host.Clock.Now, r => r.Tokens.InputTokens = 1000);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (ISimpleTrigger?)await scheduler.GetTrigger(new TriggerKey("pricing"));

        await scheduler.TriggerJob(new JobKey("pricing"));
        var priced = await WaitForAsync(host, record.Id, r => r.PricingStatus == PricingStatus.Priced);

        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        Assert.Equal(TimeSpan.FromHours(1), trigger?.RepeatInterval);
        Assert.Equal(0.002m, priced.CostUsd); // 1000 × $2/M
    }

    [Fact]
    public async Task AddSpendOpsCore_InvalidJobOptions_RefusesToStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PricingTestHost.StartAsync(
            new Dictionary<string, string?> { ["Jobs:Pricing:IntervalSeconds"] = "0", ["Jobs:Pricing:BatchSize"] = "0" }, startHost: true));

        Assert.Contains("Jobs:Pricing:IntervalSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Jobs:Pricing:BatchSize", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Polls the database until the scheduler thread has done its work (a deadline, not a sleep-and-hope).</summary>
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
}
