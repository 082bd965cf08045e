using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

public sealed class JobCommandTests(ProxyFixture fixture) : JobCommandScenarios(fixture), IClassFixture<ProxyFixture>
{
    [Fact]
    public Task List_ShowsEveryRecurringJobOfTheServer() => List_ShowsEveryRecurringJobOfTheServerAsync();

    [Fact]
    public Task Run_RunsTheJobOnceAndSaysSo() => Run_RunsTheJobOnceAndSaysSoAsync();

    [Fact]
    public Task Run_WhileTheServerRunsTheSameJob_RefusesThenRunsOnceItIsDone() => Run_WhileTheServerRunsTheSameJob_RefusesThenRunsOnceItIsDoneAsync();

    [Fact]
    public Task Run_UnknownId_FailsWithTheListOfIds() => Run_UnknownId_FailsWithTheListOfIdsAsync();

    [Theory]
    [InlineData("--wait", "soon")]
    [InlineData("--wait", "-1")]
    public Task Run_BadWait_ExitsWithUsageError(params string[] args) => Run_BadWait_ExitsWithUsageErrorAsync(args);
}
