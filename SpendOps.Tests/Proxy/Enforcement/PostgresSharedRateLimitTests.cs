using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

public sealed class PostgresSharedRateLimitTests(PostgresUsageDatabaseFixture fixture) : SharedRateLimitScenarios, IClassFixture<PostgresUsageDatabaseFixture>
{
    protected override UsageDatabaseFixture Database => fixture;

    [RequiresPostgresFact]
    public Task SequentialSyncs_TogetherAdmitExactlyTheLimit() => SequentialSyncs_TogetherAdmitExactlyTheLimitAsync();

    [RequiresPostgresFact]
    public Task ConcurrentTraffic_OvershootIsWhatTheOtherAdmittedBetweenSyncs() => ConcurrentTraffic_OvershootIsWhatTheOtherAdmittedBetweenSyncsAsync();

    [RequiresPostgresFact]
    public Task NextMinute_CountsStartAgain_OldWindowsDeleted() => NextMinute_CountsStartAgain_OldWindowsDeletedAsync();
}
