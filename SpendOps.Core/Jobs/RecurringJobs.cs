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

    public static void Register(IRecurringJobManager manager, JobsOptions options)
    {
        // CancellationToken.None is Hangfire's placeholder: each run gets the server's shutdown token in its place.
        if (options.Pricing.Enabled)
            manager.AddOrUpdate<PricingJob>(PricingJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.PricingInterval), Utc);
        else
            manager.RemoveIfExists(PricingJob.Id);

        if (options.Retention.Enabled)
            manager.AddOrUpdate<RetentionJob>(RetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.RetentionInterval), Utc);
        else
            manager.RemoveIfExists(RetentionJob.Id);

        if (options.Budgets.Enabled)
            manager.AddOrUpdate<BudgetEvaluationJob>(BudgetEvaluationJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.BudgetsInterval), Utc);
        else
            manager.RemoveIfExists(BudgetEvaluationJob.Id);

        if (options.AlertDispatch.Enabled)
            manager.AddOrUpdate<AlertDispatchJob>(AlertDispatchJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.AlertDispatchInterval), Utc);
        else
            manager.RemoveIfExists(AlertDispatchJob.Id);

        if (options.Reports.Enabled)
            manager.AddOrUpdate<ReportJob>(ReportJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.Reports.Interval), Utc);
        else
            manager.RemoveIfExists(ReportJob.Id);

        if (options.Rollups.Enabled)
            manager.AddOrUpdate<UsageRollupJob>(UsageRollupJob.Id, job => job.RunAsync(CancellationToken.None), Cron(options.RollupsInterval), Utc);
        else
            manager.RemoveIfExists(UsageRollupJob.Id);
    }

    /// <summary>
    /// How often the server looks for due recurring jobs (and, on PostgreSQL, idle workers for enqueued ones):
    /// Hangfire's default of 15 s would stretch a 5 s pricing schedule to 15 s, so it polls a few times per shortest
    /// enabled interval (one cheap query each), at most every second and at least every 15 s.
    /// </summary>
    public static TimeSpan SchedulePollingInterval(JobsOptions options)
    {
        var shortest = options.RetentionInterval;
        foreach (var (enabled, interval) in new[]
                 {
                     (options.Pricing.Enabled, options.PricingInterval),
                     (options.Budgets.Enabled, options.BudgetsInterval),
                     (options.AlertDispatch.Enabled, options.AlertDispatchInterval),
                     (options.Reports.Enabled, options.Reports.Interval),
                     (options.Rollups.Enabled, options.RollupsInterval),
                 })
        {
            if (enabled && interval < shortest)
                shortest = interval;
        }
        return TimeSpan.FromSeconds(Math.Clamp(shortest.TotalSeconds / 5, 1, 15));
    }

    // Validated on start (JobsOptionsValidator), so a null here is a programming error.
    private static string Cron(TimeSpan interval) =>
        CronSchedule.FromInterval(interval) ?? throw new InvalidOperationException($"No cron schedule for {interval}.");
}
