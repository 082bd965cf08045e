using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

public sealed class PostgresReportScheduleTests : ReportScheduleScenarios
{
    // Without a server the tests are skipped (RequiresPostgresFact); the setup must not fail first.
    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        TestEnvironment.SkipsPostgres ? Task.FromResult(TestDatabase.Sqlite()) : TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task RunOnDemand_FailedRetried_SucceededReplacedOnlyWhenAsked() => RunOnDemand_FailedRetried_SucceededReplacedOnlyWhenAskedAsync();

    [RequiresPostgresFact]
    public Task UpdateDisableEnable_SavedAuditedAndTheJobSkipsDisabled() => UpdateDisableEnable_SavedAuditedAndTheJobSkipsDisabledAsync();
}
