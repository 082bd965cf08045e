using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Proxy.Enforcement;

public sealed class SqliteSharedRateLimitTests(SqliteUsageDatabaseFixture fixture) : SharedRateLimitScenarios, IClassFixture<SqliteUsageDatabaseFixture>
{
    protected override UsageDatabaseFixture Database => fixture;

    [Fact]
    public Task SequentialSyncs_TogetherAdmitExactlyTheLimit() => SequentialSyncs_TogetherAdmitExactlyTheLimitAsync();

    [Fact]
    public Task ConcurrentTraffic_OvershootIsWhatTheOtherAdmittedBetweenSyncs() => ConcurrentTraffic_OvershootIsWhatTheOtherAdmittedBetweenSyncsAsync();

    [Fact]
    public Task NextMinute_CountsStartAgain_OldWindowsDeleted() => NextMinute_CountsStartAgain_OldWindowsDeletedAsync();

    [Fact]
    public Task DatabaseUnreachable_EachInstanceEnforcesItsOwnCounts() => DatabaseUnreachable_EachInstanceEnforcesItsOwnCountsAsync();
}
