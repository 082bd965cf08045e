using SpendOps.Tests.Core.Data;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>reports chargeback</c> against PostgreSQL, the production database.</summary>
public sealed class PostgresReportCommandTests(PostgresFixture fixture) : ReportCommandScenarios(fixture), IClassFixture<PostgresFixture>
{
    [RequiresPostgresFact]
    public Task Chargeback_EveryFormatReconcilesWithUsageSummaryAndExport() => Chargeback_EveryFormatReconcilesWithUsageSummaryAndExportAsync("pg-reconcile");
}
