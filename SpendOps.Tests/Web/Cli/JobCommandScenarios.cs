using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Jobs;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary>
/// <c>jobs list|run</c> against the database of a running host, on SQLite (<see cref="JobCommandTests"/>) and PostgreSQL
/// (<see cref="PostgresJobCommandTests"/>): the ids are the server's, and a run on the command line refuses to overlap
/// the server's run of the same job.
/// </summary>
public abstract class JobCommandScenarios(ProxyFixture fixture)
{
    private readonly CliRunner cli = new(fixture.Database);

    protected async Task List_ShowsEveryRecurringJobOfTheServerAsync()
    {
        var result = await cli.RunAsync("jobs", "list", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var jobs = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["pricing", "retention", "budgets", "alert-dispatch", "scheduled-reports", "usage-rollups"], jobs.Select(j => j.GetProperty("id").GetString()));
        var rollups = jobs.Single(j => j.GetProperty("id").GetString() == UsageRollupJob.Id);
        Assert.Equal("*/5 * * * *", rollups.GetProperty("schedule").GetString());
        Assert.True(rollups.GetProperty("enabled").GetBoolean());
    }

    protected async Task Run_RunsTheJobOnceAndSaysSoAsync()
    {
        // A call stored by the usage writer marks its hour; the job run rolls it up.
        var tenant = (await fixture.EnsureTenantAsync("rollup-run")).Id;
        await fixture.WithDbAsync(async db =>
        {
            await UsageBulkInserter.InsertAsync(db, [new UsageSeed(tenant).Record("2026-04-01T10:15:00Z", 2.50m)], CancellationToken.None);
            return true;
        });

        var result = await cli.RunAsync("jobs", "run", UsageRollupJob.Id);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith($"Ran job {UsageRollupJob.Id} in ", result.Output);
        Assert.Contains("HoursLeft = False", result.Output);
        Assert.Contains("Rollups: ", result.Error);
        var rollup = await fixture.WithDbAsync(db => db.UsageHourlyRollups.SingleAsync(u => u.TenantId == tenant));
        Assert.Equal((DateTimeOffset.Parse("2026-04-01T10:00:00Z"), 1L, 2.50m), (rollup.Hour, rollup.Calls, rollup.CostUsd));
    }

    protected async Task Run_WhileTheServerRunsTheSameJob_RefusesThenRunsOnceItIsDoneAsync()
    {
        var definition = RecurringJobs.All.Single(j => j.Id == UsageRollupJob.Id);
        // The filters a server's worker applies to this job's run: Hangfire's own lock, and the lock file on SQLite.
        IServerFilter[] serverFilters =
        [
            new DisableConcurrentExecutionAttribute(timeoutInSeconds: 0),
            new SqliteJobLockFilter(fixture.App.Services.GetRequiredService<SqliteJobLockFile>()),
        ];
        var storage = fixture.App.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var run = new PerformContext(storage, connection, new BackgroundJob("server-run", definition.Job, DateTime.UtcNow), new JobCancellationToken(false));
        foreach (var filter in serverFilters)
            filter.OnPerforming(new PerformingContext(run));

        var during = await cli.RunAsync("jobs", "run", UsageRollupJob.Id, "--wait", "0");

        foreach (var filter in serverFilters.Reverse())
            filter.OnPerformed(new PerformedContext(run, null, false, null));
        var after = await cli.RunAsync("jobs", "run", UsageRollupJob.Id, "--wait", "0");

        Assert.Equal(1, during.ExitCode);
        Assert.Equal($"error: job {UsageRollupJob.Id} is running elsewhere; try again", during.Error.Trim());
        Assert.Equal("", during.Output);
        Assert.True(after.ExitCode == 0, after.Error);
    }

    protected async Task Run_UnknownId_FailsWithTheListOfIdsAsync()
    {
        var result = await cli.RunAsync("jobs", "run", "rollups");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: No job 'rollups'. Jobs: pricing, retention, budgets, alert-dispatch, scheduled-reports, usage-rollups.", result.Error.Trim());
    }

    protected async Task Run_BadWait_ExitsWithUsageErrorAsync(string[] args)
    {
        var result = await cli.RunAsync(["jobs", "run", UsageRollupJob.Id, .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --wait ", result.Error);
    }
}
