using Hangfire;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Every module's recurring jobs, registered (or removed, when switched off) from <see cref="JobsOptions"/>. Instances
/// sharing a database share the registrations, so they should share the <c>Jobs</c> settings too: the last one to
/// start wins.
/// </summary>
internal static class RecurringJobs
{
    /// <summary>Wall-clock cron in UTC, so a schedule does not shift with the host's time zone or daylight saving.</summary>
    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    /// <summary>Every recurring job, in the order the command line lists them.</summary>
    public static IReadOnlyList<RecurringJobDefinition> All { get; } =
    [
        RecurringJobDefinition.For<PricingJob>(PricingJob.Id, o => o.Pricing.Enabled, o => o.PricingInterval, job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<RetentionJob>(RetentionJob.Id, o => o.Retention.Enabled, o => o.RetentionInterval, job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<BudgetEvaluationJob>(BudgetEvaluationJob.Id, o => o.Budgets.Enabled, o => o.BudgetsInterval, job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<AlertDispatchJob>(AlertDispatchJob.Id, o => o.AlertDispatch.Enabled, o => o.AlertDispatchInterval, job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<ReportJob>(ReportJob.Id, o => o.Reports.Enabled, o => o.Reports.Interval, job => job.RunAsync(CancellationToken.None)),
        RecurringJobDefinition.For<UsageRollupJob>(UsageRollupJob.Id, o => o.Rollups.Enabled, o => o.RollupsInterval, job => job.RunAsync(CancellationToken.None)),
    ];

    public static void Register(IRecurringJobManager manager, JobsOptions options)
    {
        foreach (var job in All)
        {
            if (job.IsEnabled(options))
                manager.AddOrUpdate(job.Id, job.Job, job.Cron(options), Utc);
            else
                manager.RemoveIfExists(job.Id);
        }
    }

    /// <summary>
    /// How often the server looks for due recurring jobs (and, on PostgreSQL, idle workers for enqueued ones):
    /// Hangfire's default of 15 s would stretch a 5 s pricing schedule to 15 s, so it polls a few times per shortest
    /// enabled interval (one cheap query each), at most every second and at least every 15 s.
    /// </summary>
    public static TimeSpan SchedulePollingInterval(JobsOptions options)
    {
        var shortest = All.Where(job => job.IsEnabled(options)).Select(job => job.Interval(options)).Append(options.RetentionInterval).Min();
        return TimeSpan.FromSeconds(Math.Clamp(shortest.TotalSeconds / 5, 1, 15));
    }
}
