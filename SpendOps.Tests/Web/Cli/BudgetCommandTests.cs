using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Alerts;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>budgets</c> and <c>alerts</c> as operators type them: the real command line against a migrated database.</summary>
public sealed class BudgetCommandTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task Create_EveryOption_StoresTheBudgetAsTyped()
    {
        var tenant = await TenantAsync();
        var key = JsonDocument.Parse((await cli.RunAsync("keys", "create", "--tenant", tenant, "--name", "ci", "--json")).Output).RootElement.GetProperty("id").GetString()!;

        var created = await cli.RunAsync("budgets", "create", "--tenant", tenant, "--name", "backend gpt", "--amount", "500", "--period", "rolling:30",
            "--scope", $"key:{key}", "dim:team=backend", "--scope", "dim:team=data", "provider:openai", "model:gpt-4.1*", "source:proxy",
            "--thresholds", "80,100", "--block", "--notify", "email:lead@example.com", "slack:https://hooks.slack.com/services/T0/B0/x", "--json");

        Assert.True(created.ExitCode == 0, created.Error);
        var json = JsonDocument.Parse(created.Output).RootElement;
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal(tenant, json.GetProperty("tenant").GetString());
        Assert.Equal("backend gpt", json.GetProperty("name").GetString());
        Assert.Equal(500m, json.GetProperty("amountUsd").GetDecimal());
        Assert.Equal("rolling:30", json.GetProperty("period").GetString());
        Assert.Equal([$"key:{key}", "dim:team=backend", "dim:team=data", "provider:openai", "model:gpt-4.1*", "source:proxy"], Strings(json.GetProperty("scope")));
        Assert.Equal([80, 100], json.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal("block", json.GetProperty("action").GetString());
        Assert.Equal(["email:lead@example.com", "slack:https://hooks.slack.com/services/T0/B0/x"], Strings(json.GetProperty("recipients")));

        await using var db = fixture.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "budget.created" && a.EntityId == id.ToString());
        Assert.StartsWith("cli:", audit.Actor);
    }

    [Fact]
    public async Task ListAndShow_ShowSpendPercentAndForecastOfTheCurrentPeriod()
    {
        var tenant = await TenantAsync();
        var created = await cli.RunAsync("budgets", "create", "--tenant", tenant, "--name", "backend", "--amount", "100", "--period", "month",
            "--scope", "dim:team=backend", "--json");
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetGuid();
        await SeedThisMonthAsync(tenant, 30m, 12.5m);

        var list = await cli.RunAsync("budgets", "list", "--tenant", tenant);
        var show = await cli.RunAsync("budgets", "show", id.ToString(), "--json");

        Assert.Equal(0, list.ExitCode);
        var row = list.Output.Split('\n')[1];
        // 30.00 + 12.50 of team=backend (the 100.00 of team=data is out of scope) is 42.5 % of $100.
        Assert.Contains("$42.50", row);
        Assert.Contains("42.5 %", row);
        Assert.Contains("dim:team=backend", row);
        var budget = JsonDocument.Parse(show.Output).RootElement.GetProperty("budget");
        Assert.Equal(42.5m, budget.GetProperty("spendUsd").GetDecimal());
        Assert.Equal(42.5m, budget.GetProperty("percentUsed").GetDecimal());
        Assert.True(budget.GetProperty("forecastUsd").GetDecimal() >= 42.5m);
        Assert.Equal(6, JsonDocument.Parse(show.Output).RootElement.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task PauseResumeDelete_SayWhatHappened()
    {
        var tenant = await TenantAsync();
        var id = JsonDocument.Parse((await cli.RunAsync("budgets", "create", "--tenant", tenant, "--name", "b", "--amount", "5", "--period", "day", "--json")).Output)
            .RootElement.GetProperty("id").GetString()!;

        var paused = await cli.RunAsync("budgets", "pause", id);
        var resumed = await cli.RunAsync("budgets", "resume", id);
        var deleted = await cli.RunAsync("budgets", "delete", id);
        var gone = await cli.RunAsync("budgets", "show", id);

        Assert.Equal($"Budget 'b' ({id}) is paused: no alerts, and it blocks nothing.", paused.Output.Trim());
        Assert.Equal($"Budget 'b' ({id}) is active again.", resumed.Output.Trim());
        Assert.Equal($"Deleted budget 'b' ({id}); its alerts stay in the history.", deleted.Output.Trim());
        Assert.Equal((1, $"error: No budget with id '{id}'."), (gone.ExitCode, gone.Error.Trim()));
    }

    [Fact]
    public async Task AlertsListAndAck_ShowTheHistoryAndWhoAcknowledged()
    {
        var tenant = await TenantAsync();
        var budgetId = JsonDocument.Parse((await cli.RunAsync("budgets", "create", "--tenant", tenant, "--name", "team", "--amount", "500", "--period", "month", "--json")).Output)
            .RootElement.GetProperty("id").GetGuid();
        var alert = new AlertEvent
        {
            TenantId = (await fixture.CreateContext().Tenants.SingleAsync(t => t.Name == tenant)).Id,
            BudgetId = budgetId,
            BudgetName = "team",
            Kind = AlertKind.Threshold,
            ThresholdPercent = 80,
            SpendUsd = 401.25m,
            AmountUsd = 500m,
            PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            PeriodEnd = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            RaisedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        };
        await using (var db = fixture.CreateContext())
        {
            db.AlertEvents.Add(alert);
            await db.SaveChangesAsync();
        }

        var list = await cli.RunAsync("alerts", "list", "--tenant", tenant);
        var ack = await cli.RunAsync("alerts", "ack", alert.Id.ToString());
        var json = await cli.RunAsync("alerts", "list", "--tenant", tenant, "--json");

        var row = list.Output.Split('\n')[1];
        Assert.Contains("2026-11-20 09:30:00Z", row);
        Assert.Contains("threshold 80 %", row);
        Assert.Contains("$401.25", row);
        Assert.StartsWith($"Alert {alert.Id} (team, threshold 80 %) acknowledged by cli:", ack.Output);
        var entry = Assert.Single(JsonDocument.Parse(json.Output).RootElement.EnumerateArray());
        Assert.Equal(tenant, entry.GetProperty("tenant").GetString());
        Assert.Equal("threshold", entry.GetProperty("kind").GetString());
        Assert.StartsWith("cli:", entry.GetProperty("acknowledgedBy").GetString());
    }

    [Theory]
    [InlineData(2, "error: Invalid period 'year': write day, week, month, quarter or rolling:N (N days, 1 to 366).", "--period", "year")]
    [InlineData(2, "error: Invalid period 'rolling:0'", "--period", "rolling:0")]
    [InlineData(2, "error: --amount 'lots' is not a non-negative number", "--amount", "lots")]
    [InlineData(2, "error: Invalid scope 'team=backend': write key:ID, dim:NAME=VALUE, provider:P, model:PATTERN, source:proxy or source:telemetry.", "--scope", "team=backend")]
    [InlineData(2, "error: Invalid scope 'dim:team': write dim:NAME=VALUE", "--scope", "dim:team")]
    [InlineData(2, "error: Unknown provider 'openia' in scope 'provider:openia'.", "--scope", "provider:openia")]
    [InlineData(2, "error: Unknown source in scope 'source:batch': write source:proxy or source:telemetry.", "--scope", "source:batch")]
    [InlineData(2, "error: Invalid threshold 'eighty': write whole percentages separated by commas, e.g. 50,80,100.", "--thresholds", "50,eighty")]
    [InlineData(2, "error: Invalid recipient 'sms:123': write webhook:URL, slack:URL or email:ADDRESS.", "--notify", "sms:123")]
    [InlineData(2, "error: Invalid recipient 'slack:hooks': slack: needs an absolute http or https URL.", "--notify", "slack:hooks")]
    [InlineData(2, "error: 'budgets create' has no option --currency", "--currency", "EUR")]
    [InlineData(1, "error: Thresholds are whole percentages from 1 to 1000, e.g. 50,80,100.", "--thresholds", "0,50")]
    [InlineData(1, "error: Budget amount must be more than $0", "--amount", "0")]
    [InlineData(1, "error: Budget amount must be in dollars and cents", "--amount", "10.005")]
    [InlineData(1, "error: No API key with id 'nokey' in this tenant (scope key:nokey).", "--scope", "key:nokey")]
    public async Task Create_BadArgument_PrintsOneClearLine(int exitCode, string expected, params string[] change)
    {
        var tenant = await TenantAsync();
        var args = new Dictionary<string, string> { ["--tenant"] = tenant, ["--name"] = "x", ["--amount"] = "10", ["--period"] = "month" };
        args[change[0]] = change[1];

        var result = await cli.RunAsync(["budgets", "create", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        AssertOneLine(exitCode, expected, result);
    }

    [Theory]
    [InlineData(2, "error: 'budgets create' needs --period", "budgets", "create", "--tenant", "t", "--name", "x", "--amount", "1")]
    [InlineData(2, "error: 'budgets create' needs --amount", "budgets", "create", "--tenant", "t", "--name", "x", "--period", "day")]
    [InlineData(2, "error: --scope needs a value", "budgets", "create", "--tenant", "t", "--name", "x", "--amount", "1", "--period", "day", "--scope", "--block")]
    [InlineData(2, "error: 'budgets pause' needs a budget ID (see 'budgets list')", "budgets", "pause")]
    [InlineData(2, "error: unknown command 'budgets rename'.", "budgets", "rename")]
    [InlineData(1, "error: No tenant named 'nobody'. Create it with: tenants create nobody", "budgets", "create", "--tenant", "nobody", "--name", "x", "--amount", "1", "--period", "day")]
    [InlineData(1, "error: No budget with id 'not-an-id'.", "budgets", "resume", "not-an-id")]
    [InlineData(1, "error: No alert with id '0199aaaa-0000-7000-8000-000000000000'.", "alerts", "ack", "0199aaaa-0000-7000-8000-000000000000")]
    public async Task BadCommandLine_PrintsOneClearLine(int exitCode, string expected, params string[] args) =>
        AssertOneLine(exitCode, expected, await cli.RunAsync(args));

    [Fact]
    public async Task Create_SameNameTwice_SecondFails()
    {
        var tenant = await TenantAsync();
        string[] args = ["budgets", "create", "--tenant", tenant, "--name", "twice", "--amount", "1", "--period", "day"];
        Assert.Equal(0, (await cli.RunAsync(args)).ExitCode);

        AssertOneLine(1, "error: A budget named 'twice' already exists in this tenant.", await cli.RunAsync(args));
    }

    private static void AssertOneLine(int exitCode, string expected, CliResult result)
    {
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}: {result.Error} {result.Output}");
        Assert.StartsWith(expected, result.Error);
        var lines = result.Error.TrimEnd().Split('\n');
        // One line says what is wrong; a usage error (exit 2) follows it with the usage of the command, or of its group.
        if (exitCode == 1)
            Assert.Single(lines);
        else
            Assert.Matches("^(usage: budgets |SpendOps admin commands)", lines[1]);
        Assert.DoesNotContain("Exception", result.Error);
    }

    private async Task<string> TenantAsync()
    {
        var name = "b" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await cli.RunAsync("tenants", "create", name)).ExitCode);
        return name;
    }

    private async Task SeedThisMonthAsync(string tenant, params decimal[] backendCosts)
    {
        await using var db = fixture.CreateContext();
        var tenantId = (await db.Tenants.SingleAsync(t => t.Name == tenant)).Id;
        var now = DateTimeOffset.UtcNow;
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).ToString("O");
        var seed = new UsageSeed(tenantId);
        await fixture.AddAsync([.. backendCosts.Select(c => seed.Record(monthStart, c, dims: ("team", "backend"))), seed.Record(monthStart, 100m, dims: ("team", "data"))]);
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
