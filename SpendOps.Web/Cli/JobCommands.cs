using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using SpendOps.Core;
using SpendOps.Core.Jobs;

namespace SpendOps.Web.Cli;

/// <summary>
/// <c>jobs list|run</c>: the server's recurring jobs (the same registry, so the same ids) and one run of a job now, in
/// this process, under the lock that keeps it from overlapping the server's run of the same job.
/// </summary>
internal static class JobCommands
{
    /// <summary>As long as the longest <c>[DisableConcurrentExecution]</c> wait of the server's own runs.</summary>
    private const int DefaultWaitSeconds = 60;

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("jobs list", "jobs list [--json]", [], ["json"], ListAsync),
        new("jobs run", $"jobs run ID [--wait SECONDS] [--json]   (waits up to {DefaultWaitSeconds} s for a run elsewhere to finish)", ["wait"], ["json"], RunAsync),
    ];

    private static Task<int> ListAsync(CliContext context)
    {
        var options = context.Get<IOptions<JobsOptions>>().Value;
        var known = KnownRuns(context.Get<JobStorage>());
        var jobs = RecurringJobs.All.Select(job => new JobJson(
            job.Id,
            job.IsEnabled(options) ? job.Cron(options) : null,
            job.IsEnabled(options),
            known.GetValueOrDefault(job.Id)?.LastExecution is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : null,
            known.GetValueOrDefault(job.Id)?.LastJobState,
            known.GetValueOrDefault(job.Id)?.NextExecution is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null)).ToList();
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, jobs);
            return Task.FromResult(0);
        }
        CliOutput.WriteTable(context.Out, ["ID", "SCHEDULE (UTC)", "LAST RUN", "LAST STATE", "NEXT RUN"],
            jobs.Select(j => new[] { j.Id, j.Schedule ?? "off", CliOutput.Date(j.LastRun), j.LastState ?? "-", CliOutput.Date(j.NextRun) }));
        if (!options.Enabled)
            context.Out.WriteLine("Jobs:Enabled is false in this configuration: an instance configured so runs none of them.");
        return Task.FromResult(0);
    }

    private static async Task<int> RunAsync(CliContext context)
    {
        var id = context.Args.RequiredPositional(0, "a job ID (see 'jobs list')");
        var job = RecurringJobs.All.FirstOrDefault(j => j.Id == id)
            ?? throw new DomainException($"No job '{id}'. Jobs: {string.Join(", ", RecurringJobs.All.Select(j => j.Id))}.");
        var wait = WaitOption(context);

        JobRun run;
        try
        {
            run = await context.Get<JobRunner>().RunAsync(job, wait, context.CancellationToken);
        }
        catch (DistributedLockTimeoutException)
        {
            throw new DomainException($"job {id} is running elsewhere; try again");
        }
        catch (Exception e) when (e is not DomainException)
        {
            // The job has logged the failure itself (to stderr, above this line); the line says which job and why.
            throw new DomainException($"job {id} failed: {e.GetBaseException().Message}");
        }

        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id, elapsedSeconds = Math.Round(run.Elapsed.TotalSeconds, 3), result = run.Result });
        else
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ran job {id} in {run.Elapsed.TotalSeconds:0.0} s{(run.Result is null ? "" : $": {run.Result}")}."));
        return 0;
    }

    private static TimeSpan WaitOption(CliContext context)
    {
        var text = context.Args.Option("wait");
        if (text is null)
            return TimeSpan.FromSeconds(DefaultWaitSeconds);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliUsageException($"--wait '{text}' is not a number of seconds from 0 to 3600");
    }

    /// <summary>What Hangfire's storage knows of each recurring job (nothing, with SQLite's in-memory storage).</summary>
    private static Dictionary<string, RecurringJobDto> KnownRuns(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs(RecurringJobs.All.Select(j => j.Id).ToList())
            .Where(j => !j.Removed)
            .ToDictionary(j => j.Id, StringComparer.Ordinal);
    }

    internal sealed record JobJson(string Id, string? Schedule, bool Enabled, DateTimeOffset? LastRun, string? LastState, DateTimeOffset? NextRun);
}
