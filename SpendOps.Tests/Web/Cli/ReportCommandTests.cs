using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

public sealed class ReportCommandTests(ProxyFixture fixture) : ReportCommandScenarios(fixture), IClassFixture<ProxyFixture>
{
    [Fact]
    public Task Chargeback_EveryFormatReconcilesWithUsageSummaryAndExport() => Chargeback_EveryFormatReconcilesWithUsageSummaryAndExportAsync("reconcile");

    [Fact]
    public Task Chargeback_WithoutOut_WritesCsvToStandardOutput() => Chargeback_WithoutOut_WritesCsvToStandardOutputAsync("stdout");

    [Theory]
    [InlineData("--by", "colour")]
    [InlineData("--by", "dim:team,dim:team")]
    [InlineData("--by", "dim:team", "--format", "pdf")]
    [InlineData("--by", "dim:team", "--from", "2026-11-01")]
    [InlineData("--by", "dim:team", "--from", "2026-11-31", "--to", "2026-12-01")]
    [InlineData("--by", "dim:team", "--from", "2026-12-01", "--to", "2026-11-01")]
    [InlineData("--by", "dim:team", "--allocate", "everyone")]
    [InlineData("--by", "dim:team", "--format", "xlsx")]
    [InlineData("--format", "csv")]
    public Task BadArguments_ExitWithUsageError(params string[] args) => BadArguments_ExitWithUsageErrorAsync(args);
}
