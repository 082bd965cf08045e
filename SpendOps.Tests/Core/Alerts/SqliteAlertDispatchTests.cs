using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>The dispatch scenarios on SQLite, the default database.</summary>
public sealed class SqliteAlertDispatchTests : AlertDispatchScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task Dispatch_ReceiverFailsTwiceThenAccepts_RetriedWithBackoffAndSent() => Dispatch_ReceiverFailsTwiceThenAccepts_RetriedWithBackoffAndSentAsync();

    [Fact]
    public Task Dispatch_ReceiverAlwaysFails_FailedAfterMaxAttempts() => Dispatch_ReceiverAlwaysFails_FailedAfterMaxAttemptsAsync();

    [Fact]
    public Task Dispatch_TwoInstancesRace_EachDeliverySentOnce() => Dispatch_TwoInstancesRace_EachDeliverySentOnceAsync();

    [Fact]
    public Task Dispatch_SenderDiedMidAttempt_ClaimedAgainAfterLease() => Dispatch_SenderDiedMidAttempt_ClaimedAgainAfterLeaseAsync();
}
