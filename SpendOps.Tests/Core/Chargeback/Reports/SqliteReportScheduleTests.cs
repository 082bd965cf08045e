using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

public sealed class SqliteReportScheduleTests : ReportScheduleScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task RunOnDemand_FailedRetried_SucceededReplacedOnlyWhenAsked() => RunOnDemand_FailedRetried_SucceededReplacedOnlyWhenAskedAsync();

    [Fact]
    public Task UpdateDisableEnable_SavedAuditedAndTheJobSkipsDisabled() => UpdateDisableEnable_SavedAuditedAndTheJobSkipsDisabledAsync();
}
