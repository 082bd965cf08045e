using SpendOps.Tests.Core.Data;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>jobs list|run</c> against PostgreSQL, where the job lock is a row in Hangfire's schema shared by every instance.</summary>
public sealed class PostgresJobCommandTests(PostgresFixture fixture) : JobCommandScenarios(fixture), IClassFixture<PostgresFixture>
{
    [RequiresPostgresFact]
    public Task List_ShowsEveryRecurringJobOfTheServer() => List_ShowsEveryRecurringJobOfTheServerAsync();

    [RequiresPostgresFact]
    public Task Run_WhileTheServerRunsTheSameJob_RefusesThenRunsOnceItIsDone() => Run_WhileTheServerRunsTheSameJob_RefusesThenRunsOnceItIsDoneAsync();
}
