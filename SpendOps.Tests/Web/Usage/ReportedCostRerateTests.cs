using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Telemetry;

namespace SpendOps.Tests.Web.Usage;

/// <summary>
/// A price added for a model whose calls count at the reported cost: the pricing job leaves them alone, and only an
/// explicit, audited re-rate moves them to our arithmetic, after showing the totals before and after.
/// Its own host: the price it adds is global and would take the other tests' model off the "no price" path.
/// </summary>
public sealed class ReportedCostRerateTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task PriceAddedLater_ReportedRecordsMoveToItOnlyThroughConfirmedRerate()
    {
        var capture = ClaudeCodeCapture.Load("json-tool");
        var tenant = await ReportedCostScenario.IngestAsync(fixture, capture);
        string[] period = ["--from", "2026-11-01", "--to", "2026-12-01", "--tenant", tenant.Name];

        var set = await cli.RunAsync("prices", "set", "--provider", "anthropic", "--model", "claude-opus-5-5", "--input-per-mtok", "5",
            "--output-per-mtok", "25", "--cache-read-per-mtok", "0.5", "--cache-write-per-mtok", "6.25");
        await ReportedCostScenario.PriceAsync(fixture);
        var afterJob = await SummaryAsync(period);
        var unconfirmed = await cli.RunAsync(["prices", "rerate", .. period]);
        var afterUnconfirmed = await SummaryAsync(period);
        var confirmed = await cli.RunAsync(["prices", "rerate", .. period, "--yes", "--json"]);
        var afterRerate = await SummaryAsync(period);

        Assert.Equal(0, set.ExitCode);
        // The job does not touch records at a reported cost: the number people saw stays until someone re-rates.
        Assert.Equal(capture.Expected.CostUsd, Math.Round(afterJob.GetProperty("reportedCostUsd").GetDecimal(), 10));
        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("would change", unconfirmed.Output);
        Assert.Contains("from a reported cost to a price", unconfirmed.Output);
        Assert.Contains("run again with --yes", unconfirmed.Error);
        Assert.Equal(afterJob.GetProperty("costUsd").GetDecimal(), afterUnconfirmed.GetProperty("costUsd").GetDecimal());

        Assert.Equal(0, confirmed.ExitCode);
        var result = JsonDocument.Parse(confirmed.Output).RootElement;
        Assert.True(result.GetProperty("fromReported").GetInt32() > 0);
        Assert.Equal(capture.Expected.CostUsd, Math.Round(result.GetProperty("costBefore").GetDecimal(), 10));
        // json-tool's tokens at $5 / $25 / $0.50 / $6.25 per million (input, output, cache read, 5-minute cache write):
        // 24,763 × 5 + 15 × 25 + 6,190 × 0.5 + 3,095 × 6.25 = 146,628.75 micro-dollars.
        const decimal catalogCost = 0.14662875m;
        Assert.Equal(catalogCost, result.GetProperty("costAfter").GetDecimal());
        Assert.Equal(catalogCost, afterRerate.GetProperty("costUsd").GetDecimal());
        Assert.Equal(catalogCost, afterRerate.GetProperty("catalogCostUsd").GetDecimal());
        Assert.Equal(0m, afterRerate.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(capture.Expected.CostUsd, Math.Round(afterRerate.GetProperty("providerCostUsd").GetDecimal(), 10));
        var audit = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.TenantId == tenant.Id && a.Action == "price.rerated").ToListAsync());
        Assert.Contains("from a reported cost to a price", Assert.Single(audit).Details);
    }

    private async Task<JsonElement> SummaryAsync(string[] period)
    {
        var summary = await cli.RunAsync(["usage", "summary", .. period, "--by", "source", "--json"]);
        Assert.Equal(0, summary.ExitCode);
        return Assert.Single(JsonDocument.Parse(summary.Output).RootElement.EnumerateArray());
    }
}
