using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>The dispatch scenarios on PostgreSQL, where several instances share one database.</summary>
public sealed class PostgresAlertDispatchTests : AlertDispatchScenarios
{
    // Without a server the tests are skipped (RequiresPostgresFact); the setup must not fail first.
    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        TestEnvironment.SkipsPostgres ? Task.FromResult(TestDatabase.Sqlite()) : TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task Dispatch_ReceiverFailsTwiceThenAccepts_RetriedWithBackoffAndSent() => Dispatch_ReceiverFailsTwiceThenAccepts_RetriedWithBackoffAndSentAsync();

    [RequiresPostgresFact]
    public Task Dispatch_ReceiverAlwaysFails_FailedAfterMaxAttempts() => Dispatch_ReceiverAlwaysFails_FailedAfterMaxAttemptsAsync();

    [RequiresPostgresFact]
    public Task Dispatch_TwoInstancesRace_EachDeliverySentOnce() => Dispatch_TwoInstancesRace_EachDeliverySentOnceAsync();

    [RequiresPostgresFact]
    public Task Dispatch_SenderDiedMidAttempt_ClaimedAgainAfterLease() => Dispatch_SenderDiedMidAttempt_ClaimedAgainAfterLeaseAsync();
}
