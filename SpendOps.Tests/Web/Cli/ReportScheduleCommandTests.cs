using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Tests.Core.Alerts;
using SpendOps.Tests.Core.Chargeback;
using SpendOps.Tests.Core.Chargeback.Reports;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary>
/// <c>reports schedule|runs|download</c> against the hand-worked November of <see cref="ChargebackSeed"/> (UTC, $4.29):
/// a schedule made with the CLI, produced by the job on 1 December, listed and downloaded with the CLI.
/// </summary>
public sealed class ReportScheduleCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);
    private readonly string folder = TestEnvironment.TempDirectory("scheduled-reports");

    [Fact]
    public async Task ScheduleRunsDownloadDelete_AsFinanceUsesThem()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.App.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext, "sched-cli");

        var created = await cli.RunAsync("reports", "schedule", "create", "--tenant", seed.TenantName, "--name", "finance-monthly", "--every", "month",
            "--by", "dim:team,model", "--format", "xlsx,focus", "--email", "finance@example.com", "--json");

        Assert.True(created.ExitCode == 0, created.Error);
        var schedule = JsonDocument.Parse(created.Output).RootElement;
        Assert.Equal(("finance-monthly", "month", "dim:team,model"), (schedule.GetProperty("name").GetString(), schedule.GetProperty("every").GetString(), schedule.GetProperty("by").GetString()));
        Assert.Equal(["xlsx", "focus"], schedule.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["finance@example.com"], schedule.GetProperty("email").EnumerateArray().Select(f => f.GetString()));
        var scheduleId = schedule.GetProperty("id").GetGuid();

        var list = await cli.RunAsync("reports", "schedule", "list", "--tenant", seed.TenantName);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("finance-monthly", list.Output);
        Assert.Contains("xlsx,focus", list.Output);

        // As if made in November: the job produces November on 1 December (no SMTP configured: the run is kept, the e-mail fails).
        await using (var db = fixture.App.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext())
            await db.ReportSchedules.Where(s => s.Id == scheduleId).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)));
        using (var job = await AlertsTestHost.CreateAsync(fixture.Database, clock: new ManualClock(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero))))
            await ReportJobScenarios.Producer(job).ProduceDueAsync(CancellationToken.None);

        var runs = await cli.RunAsync("reports", "runs", "--tenant", seed.TenantName, "--json");
        Assert.True(runs.ExitCode == 0, runs.Error);
        var run = Assert.Single(JsonDocument.Parse(runs.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal(("finance-monthly", "succeeded", "2026-11-01", "2026-11-30"),
            (run.GetProperty("report").GetString(), run.GetProperty("status").GetString(), run.GetProperty("firstDay").GetString(), run.GetProperty("lastDay").GetString()));
        Assert.Equal(ChargebackSeed.Total, run.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(["focus", "xlsx"], run.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("format").GetString()));
        Assert.StartsWith("E-mail is not configured", run.GetProperty("error").GetString());

        var path = Path.Combine(folder, "november-focus.csv");
        var download = await cli.RunAsync("reports", "download", run.GetProperty("id").GetString()!, "--format", "focus", "--out", path);
        Assert.True(download.ExitCode == 0, download.Error);
        Assert.Contains($"finance-monthly-2026-11-01-to-2026-11-30.focus.csv", download.Output);
        var focus = CsvTable.Parse(await File.ReadAllTextAsync(path));
        FocusFileRules.AssertValid(focus);
        Assert.Equal(ChargebackSeed.Total, focus.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));

        var delete = await cli.RunAsync("reports", "schedule", "delete", scheduleId.ToString());
        Assert.Equal((0, $"Report schedule {scheduleId} deleted with its runs.\n"), (delete.ExitCode, delete.Output.ReplaceLineEndings("\n")));
        var after = await cli.RunAsync("reports", "runs", "--tenant", seed.TenantName);
        Assert.Contains("(none)", after.Output);
    }

    [Theory]
    [InlineData(2, "reports", "schedule", "create", "--tenant", "t", "--name", "n", "--every", "fortnight", "--by", "dim:team", "--format", "csv")]
    [InlineData(2, "reports", "schedule", "create", "--name", "n", "--every", "month", "--by", "dim:team", "--format", "csv")]
    [InlineData(2, "reports", "schedule", "rename")]
    [InlineData(1, "reports", "schedule", "delete", "not-an-id")]
    [InlineData(1, "reports", "download", "0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11", "--out", "x.csv")]
    [InlineData(2, "reports", "download", "0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11")]
    public async Task BadArguments_OneLineError(int exitCode, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    [Fact]
    public async Task Create_BadFormatOrAddress_RefusedWithTheReason()
    {
        await fixture.EnsureTenantAsync("sched-bad");

        var format = await cli.RunAsync("reports", "schedule", "create", "--tenant", "sched-bad", "--name", "n", "--every", "week", "--by", "dim:team", "--format", "pdf");
        var email = await cli.RunAsync("reports", "schedule", "create", "--tenant", "sched-bad", "--name", "n", "--every", "week", "--by", "dim:team", "--format", "csv", "--email", "finance");

        Assert.Equal((1, "error: Format: 'pdf' is not csv, xlsx or focus.\n"), (format.ExitCode, format.Error.ReplaceLineEndings("\n")));
        Assert.Equal((1, "error: 'finance' is not an e-mail address.\n"), (email.ExitCode, email.Error.ReplaceLineEndings("\n")));
    }
}
