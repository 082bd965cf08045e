using Hangfire;
using Hangfire.Common;
using SpendOps.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Jobs;

/// <summary>
/// Two app instances with jobs on, sharing one PostgreSQL database and so one Hangfire storage: each occurrence of a
/// recurring job runs once, on one of them, never on both.
/// </summary>
public sealed class RecurringJobInstancesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [RequiresPostgresFact]
    public async Task TwoInstancesOneDatabase_EachOccurrenceRunsOnce()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = await TestDatabase.PostgresAsync();
        var runs = new ProbeJob.Runs();
        await using var first = StartInstance(database, upstream, runs);
        await using var second = StartInstance(database, upstream, runs);
        var storage = first.Services.GetRequiredService<JobStorage>();

        // Every second, through the storage both instances poll; no [DisableConcurrentExecution] on the probe, so only
        // the scheduler and the queue keep an occurrence from running twice.
        first.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<ProbeJob>(ProbeJob.Id, job => job.Run(null!), "* * * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        await runs.WaitForAsync(8, Timeout);
        var pricingRuns = await WaitForSucceededAsync(storage, PricingJob.Id, 3);

        var executions = runs.All;
        Assert.Equal(2, storage.GetMonitoringApi().Servers().Count);
        Assert.True(executions.Select(e => e.Time).Distinct().Count() == executions.Count,
            "An occurrence ran more than once: " + string.Join(", ", executions.Select(e => $"{e.Time} on {e.Server}")));
        Assert.Equal(pricingRuns.Count, pricingRuns.Distinct().Count());
    }

    private static SpendOpsAppFactory StartInstance(TestDatabase database, FakeUpstream upstream, ProbeJob.Runs runs)
    {
        var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Jobs:Enabled"] = "true";
        app.Settings["Jobs:Pricing:IntervalSeconds"] = "1";
        app.Settings["Jobs:Retention:Enabled"] = "false";
        app.TestServices = services => services.AddSingleton(runs);
        return app.Start();
    }

    /// <summary>
    /// The scheduled times of the succeeded runs of recurring job <paramref name="id"/>, once there are at least
    /// <paramref name="count"/> (Hangfire's own record of the real pricing job across both instances).
    /// </summary>
    private static async Task<List<long>> WaitForSucceededAsync(JobStorage storage, string id, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var times = new List<long>();
            using (var connection = storage.GetConnection())
            {
                // Job parameters are stored as JSON.
                foreach (var job in storage.GetMonitoringApi().SucceededJobs(0, 1000))
                {
                    if (SerializationHelper.Deserialize<string>(connection.GetJobParameter(job.Key, "RecurringJobId")) == id)
                        times.Add(SerializationHelper.Deserialize<long>(connection.GetJobParameter(job.Key, "Time")));
                }
            }
            if (times.Count >= count)
                return times;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{times.Count} of {count} succeeded '{id}' runs within {Timeout}.");
            await Task.Delay(50);
        }
    }
}
