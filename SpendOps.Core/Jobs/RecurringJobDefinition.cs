using System.Linq.Expressions;
using Hangfire.Common;

namespace SpendOps.Core.Jobs;

/// <summary>
/// One recurring job as the server schedules it: its id, the method Hangfire calls, and its switch and interval in
/// <see cref="JobsOptions"/>. The command line runs the same definitions (<c>jobs run ID</c>), so both know the same ids.
/// </summary>
internal sealed record RecurringJobDefinition(string Id, Job Job, Func<JobsOptions, bool> IsEnabled, Func<JobsOptions, TimeSpan> Interval)
{
    /// <remarks>
    /// <see cref="CancellationToken.None"/> in <paramref name="run"/> is Hangfire's placeholder: each run gets the
    /// server's shutdown token in its place.
    /// </remarks>
    public static RecurringJobDefinition For<TJob>(
        string id, Func<JobsOptions, bool> isEnabled, Func<JobsOptions, TimeSpan> interval, Expression<Func<TJob, Task>> run) =>
        new(id, Job.FromExpression(run), isEnabled, interval);

    /// <summary>The cron expression of the interval; intervals are validated on start, so a null here is a programming error.</summary>
    public string Cron(JobsOptions options) =>
        CronSchedule.FromInterval(Interval(options)) ?? throw new InvalidOperationException($"No cron schedule for {Interval(options)}.");
}
