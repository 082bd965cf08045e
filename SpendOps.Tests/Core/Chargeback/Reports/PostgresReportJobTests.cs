using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

/// <summary>The job scenarios on PostgreSQL, where several instances share one database and race for each period.</summary>
public sealed class PostgresReportJobTests : ReportJobScenarios
{
    // Without a server the tests are skipped (RequiresPostgresFact); the setup must not fail first.
    protected override Task<TestDatabase> CreateDatabaseAsync() =>
        TestEnvironment.SkipsPostgres ? Task.FromResult(TestDatabase.Sqlite()) : TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task Job_FirstOfMonthInTenantZone_ProducesLastMonthOnce() => Job_FirstOfMonthInTenantZone_ProducesLastMonthOnceAsync();

    [RequiresPostgresFact]
    public Task Job_TwoInstancesRace_OneRunPerPeriod() => Job_TwoInstancesRace_OneRunPerPeriodAsync();

    [RequiresPostgresFact]
    public Task Invoice_TotalEqualsTheTeamsChargebackLine() => Invoice_TotalEqualsTheTeamsChargebackLineAsync();
}
