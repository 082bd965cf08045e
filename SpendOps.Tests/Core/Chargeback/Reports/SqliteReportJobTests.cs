using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

public sealed class SqliteReportJobTests : ReportJobScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task Job_FirstOfMonthInTenantZone_ProducesLastMonthOnce() => Job_FirstOfMonthInTenantZone_ProducesLastMonthOnceAsync();

    [Fact]
    public Task Job_AbandonedRunAndExpiredRun_ReproducedAndDeleted() => Job_AbandonedRunAndExpiredRun_ReproducedAndDeletedAsync();

    [Fact]
    public Task Invoice_TotalEqualsTheTeamsChargebackLine() => Invoice_TotalEqualsTheTeamsChargebackLineAsync();
}
