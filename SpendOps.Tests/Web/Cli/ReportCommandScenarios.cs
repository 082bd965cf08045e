using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Tests.Core.Chargeback;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary>
/// <c>reports chargeback</c> as finance runs it, against the hand-worked November of <see cref="ChargebackSeed"/>: the
/// chargeback total, <c>usage summary</c>, the per-call export, the CSV lines, the FOCUS BilledCost and the workbook all
/// come to the same dollars. Runs on SQLite (<see cref="ReportCommandTests"/>) and PostgreSQL (<see cref="PostgresReportCommandTests"/>).
/// </summary>
public abstract class ReportCommandScenarios(ProxyFixture fixture)
{
    private readonly CliRunner cli = new(fixture.Database);
    private readonly string folder = TestEnvironment.TempDirectory("reports");

    protected async Task Chargeback_EveryFormatReconcilesWithUsageSummaryAndExportAsync(string tenant)
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.App.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext, tenant);
        string[] period = ["--from", "2026-11-01", "--to", "2026-12-01", "--tenant", seed.TenantName];
        var csvPath = Path.Combine(folder, $"{tenant}.csv");
        var focusPath = Path.Combine(folder, $"{tenant}-focus.csv");
        var xlsxPath = Path.Combine(folder, $"{tenant}.xlsx");

        var summary = await cli.RunAsync(["usage", "summary", "--by", "dim:team", "--json", .. period]);
        var export = await cli.RunAsync(["usage", "export", .. period]);
        var csv = await cli.RunAsync(["reports", "chargeback", "--by", "dim:team,model", "--format", "csv", "--out", csvPath, .. period]);
        var focus = await cli.RunAsync(["reports", "chargeback", "--by", "dim:team", "--format", "focus", "--out", focusPath, .. period]);
        var xlsx = await cli.RunAsync(["reports", "chargeback", "--by", "dim:team", "--allocate", "proportional", "--format", "xlsx", "--out", xlsxPath, .. period]);

        Assert.All(new[] { summary, export, csv, focus, xlsx }, r => Assert.True(r.ExitCode == 0, r.Error));
        var summaryTotal = JsonDocument.Parse(summary.Output).RootElement.EnumerateArray().Sum(r => r.GetProperty("costUsd").GetDecimal());
        Assert.Equal(ChargebackSeed.Total, summaryTotal);
        var perCall = CsvTable.Parse(export.Output);
        Assert.Equal(ChargebackSeed.Total, perCall.Rows.Sum(r => r["cost_usd"] is { } c ? decimal.Parse(c, CultureInfo.InvariantCulture) : 0m));

        var chargeback = CsvTable.Parse(await File.ReadAllTextAsync(csvPath));
        Assert.Equal(["dim:team", "model"], chargeback.Header.Take(2));
        Assert.Equal(ChargebackSeed.Total, chargeback.Rows.SkipLast(1).Sum(r => FocusFileRules.Decimal(r["cost_usd"])));
        Assert.Equal(("Total", ChargebackSeed.Total), (chargeback.Rows[^1]["dim:team"], FocusFileRules.Decimal(chargeback.Rows[^1]["cost_usd"])));
        var backendClaude = Assert.Single(chargeback.Rows, r => r["dim:team"] == "backend" && r["model"] == "claude-sonnet-4-5-20250929");
        Assert.Equal(2.00m, FocusFileRules.Decimal(backendClaude["cost_usd"]));
        Assert.Contains(chargeback.Rows, r => r["dim:team"] == "(unattributed)" && r["model"] == "mistral-large" && r["unattributed"] == "true");
        Assert.Contains("Chargeback 2026-11-01 to 2026-11-30", csv.Error);
        Assert.Contains("total $4.29", csv.Error);

        var focusFile = CsvTable.Parse(await File.ReadAllTextAsync(focusPath));
        FocusFileRules.AssertValid(focusFile);
        Assert.Equal(ChargebackSeed.Total, focusFile.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
        Assert.Contains("BilledCost $4.29", focus.Error);

        await using var stream = File.OpenRead(xlsxPath);
        var book = new XlsxReadBack(stream);
        var sheet = book.Table("Summary");
        Assert.Equal((double)ChargebackSeed.Total, sheet[^1]["Cost USD"].Number!.Value, 9);
        Assert.Equal((double)ChargebackSeed.Total, sheet.SkipLast(1).Sum(r => r["After allocation USD"].Number!.Value), 9);
        Assert.Equal(-0.70, sheet.Single(r => r["dim:team"].Text == "(unattributed)")["Allocated USD"].Number!.Value, 9);
        Assert.Equal(7, book.Table("Calls").Count);
    }

    protected async Task Chargeback_WithoutOut_WritesCsvToStandardOutputAsync(string tenant)
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.App.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext, tenant);

        var result = await cli.RunAsync("reports", "chargeback", "--by", "source", "--from", "2026-11-01", "--to", "2026-12-01", "--tenant", seed.TenantName);

        Assert.Equal(0, result.ExitCode);
        var table = CsvTable.Parse(result.Output);
        Assert.Equal([("proxy", 3.89m), ("telemetry", 0.40m), ("Total", 4.29m)], table.Rows.Select(r => (r["source"], FocusFileRules.Decimal(r["cost_usd"]))));
    }

    protected async Task BadArguments_ExitWithUsageErrorAsync(string[] args)
    {
        var result = await cli.RunAsync(["reports", "chargeback", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("usage: reports chargeback", result.Error);
    }
}
