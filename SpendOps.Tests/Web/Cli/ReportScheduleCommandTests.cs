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

    [Fact]
    public async Task UpdateDisableRunEnable_ChangedProducedOnceAndAgainWithForce()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.App.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext, "sched-manage");
        var created = await cli.RunAsync("reports", "schedule", "create", "--tenant", seed.TenantName, "--name", "monthly", "--every", "week",
            "--by", "dim:team", "--format", "xlsx", "--email", "finance@example.com", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetGuid();

        var update = await cli.RunAsync("reports", "schedule", "update", id.ToString(), "--name", "finance-by-model", "--frequency", "month", "--by", "model",
            "--formats", "csv", "--email", "none");
        var disable = await cli.RunAsync("reports", "schedule", "disable", id.ToString());
        var list = await cli.RunAsync("reports", "schedule", "list", "--tenant", seed.TenantName, "--json");
        var run = await cli.RunAsync("reports", "schedule", "run", id.ToString(), "--period", "2026-11");
        var twice = await cli.RunAsync("reports", "schedule", "run", id.ToString(), "--period", "2026-11");
        var forced = await cli.RunAsync("reports", "schedule", "run", id.ToString(), "--period", "2026-11", "--force", "--json");
        var enable = await cli.RunAsync("reports", "schedule", "enable", id.ToString());
        var runs = await cli.RunAsync("reports", "runs", "--tenant", seed.TenantName, "--json");

        Assert.Equal((0, $"Report schedule {id} 'finance-by-model' updated: every month, by model, as csv.\n"), (update.ExitCode, update.Output.ReplaceLineEndings("\n")));
        Assert.Equal((0, $"Report schedule {id} 'finance-by-model' disabled.\n"), (disable.ExitCode, disable.Output.ReplaceLineEndings("\n")));
        var listed = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList());
        Assert.False(listed.GetProperty("enabled").GetBoolean());
        Assert.Empty(listed.GetProperty("email").EnumerateArray());
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"^Report 'finance-by-model' for 2026-11-01 to 2026-11-30 produced \(run [0-9a-f-]{36}\): total \$4\.29, files csv\.$", run.Output.Trim());
        Assert.Equal(1, twice.ExitCode);
        Assert.StartsWith("error: The report 'finance-by-model' for 2026-11-01 to 2026-11-30 was already produced on ", twice.Error);
        Assert.EndsWith("; give --force to produce it again.", twice.Error.Trim());
        Assert.True(forced.ExitCode == 0, forced.Error);
        var replaced = JsonDocument.Parse(forced.Output).RootElement;
        Assert.Equal(("succeeded", "succeeded", ChargebackSeed.Total), (replaced.GetProperty("status").GetString(), replaced.GetProperty("replaced").GetString(), replaced.GetProperty("totalUsd").GetDecimal()));
        Assert.Equal((0, $"Report schedule {id} 'finance-by-model' enabled.\n"), (enable.ExitCode, enable.Output.ReplaceLineEndings("\n")));
        var stored = Assert.Single(JsonDocument.Parse(runs.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal(replaced.GetProperty("id").GetGuid(), stored.GetProperty("id").GetGuid());
        Assert.Equal(["csv"], stored.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("format").GetString()));
    }

    [Theory]
    [InlineData("run", "--period", "2099-01", "error: The period 2099-01-01 to 2099-01-31 has not ended yet.")]
    [InlineData("run", "--period", "Nov", "error: The period 'Nov' is not a month: give YYYY-MM.")]
    [InlineData("update", "--by", "colour", "error: Group by: ")]
    public async Task Change_BadInput_OneLineReason(string verb, string option, string value, string error)
    {
        await fixture.EnsureTenantAsync("sched-change-bad");
        var created = await cli.RunAsync("reports", "schedule", "create", "--tenant", "sched-change-bad", "--name", $"bad-{verb}-{value}", "--every", "month",
            "--by", "dim:team", "--format", "csv", "--json");
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetString()!;

        var result = await cli.RunAsync("reports", "schedule", verb, id, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(error, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("disable")]
    [InlineData("run")]
    public async Task Change_UnknownSchedule_NotFound(string verb)
    {
        var result = await cli.RunAsync("reports", "schedule", verb, "0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11");

        Assert.Equal((1, "error: No report schedule with id '0b7d2f64-3c1e-4d55-9a57-3f0e8c1d2a11'.\n"), (result.ExitCode, result.Error.ReplaceLineEndings("\n")));
    }
}
