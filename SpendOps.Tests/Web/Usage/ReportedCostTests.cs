using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Telemetry;

namespace SpendOps.Tests.Web.Usage;

/// <summary>
/// A team on models the catalog does not know yet (Claude Code's <c>claude-opus-5-5</c>): every view counts the cost
/// Claude Code itself reported, labelled <c>reported</c>, never $0. Expected totals come from <c>claude-stdout.txt</c>.
/// </summary>
public sealed class ReportedCostTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const decimal Tolerance = 0.000001m;
    private readonly CliRunner cli = new(fixture.Database);

    [Theory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task ClaudeCodeCapture_ModelWithoutPrice_SummaryAndExportsCountTheReportedCost(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var tenant = await ReportedCostScenario.IngestAsync(fixture, capture);

        var summary = await cli.RunAsync("usage", "summary", "--from", "2026-11-01", "--to", "2026-12-01", "--by", "source", "--tenant", tenant.Name, "--json");
        var table = await cli.RunAsync("usage", "summary", "--from", "2026-11-01", "--to", "2026-12-01", "--by", "model", "--tenant", tenant.Name);
        var jsonl = await cli.RunAsync("usage", "export", "--from", "2026-11-01", "--to", "2026-12-01", "--format", "jsonl", "--tenant", tenant.Name);
        var csv = await cli.RunAsync("usage", "export", "--from", "2026-11-01", "--to", "2026-12-01", "--format", "csv", "--tenant", tenant.Name);
        var email = await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Finance);
        using var portal = await PortalSignIn.ClientAsync(fixture, email);
        var portalExport = await portal.GetStringAsync("/api/usage/export?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=jsonl");

        var expected = capture.Expected.CostUsd;
        var row = Assert.Single(JsonDocument.Parse(summary.Output).RootElement.EnumerateArray());
        AssertClose(expected, row.GetProperty("costUsd").GetDecimal());
        AssertClose(expected, row.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(0m, row.GetProperty("catalogCostUsd").GetDecimal());
        Assert.Equal(0, row.GetProperty("unpriced").GetInt32());
        Assert.Contains("reported", table.Output.Split('\n').Single(l => l.StartsWith("claude-opus-5-5", StringComparison.Ordinal)));
        Assert.Contains("(catalog $0, tenant price $0, reported $0.", table.Output);

        foreach (var export in new[] { jsonl.Output, portalExport })
        {
            var lines = JsonLines(export);
            var counted = lines.Where(l => l.GetProperty("billable").GetBoolean()).ToList();
            Assert.NotEmpty(counted);
            AssertClose(expected, counted.Sum(l => l.GetProperty("cost_usd").GetDecimal()));
            Assert.All(counted, l => Assert.Equal("reported", l.GetProperty("pricing_status").GetString()));
            Assert.All(counted, l => Assert.Equal("reported", l.GetProperty("cost_source").GetString()));
            Assert.All(counted, l => Assert.Equal(l.GetProperty("provider_cost_usd").GetDecimal(), l.GetProperty("cost_usd").GetDecimal()));
        }
        var rows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
        AssertClose(expected, cells.Sum(c => decimal.Parse(c[Array.IndexOf(header, "cost_usd")], CultureInfo.InvariantCulture)));
        Assert.All(cells, c => Assert.Equal("reported", c[Array.IndexOf(header, "cost_source")]));
    }

    [Fact]
    public async Task ProxiedCall_UnknownModelWithProviderCost_CountsTheReportedCost()
    {
        var tenant = await fixture.EnsureTenantAsync("openrouter-team");
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);
        // OpenRouter's shape (usage.cost in USD) for a model no catalog lists.
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""
                {"id":"gen-1","model":"acme/brand-new-model","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":30,"total_tokens":1230,"cost":0.0042}}
                """);
        };
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openrouter/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"acme/brand-new-model","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        using var response = await client.SendAsync(request);
        var record = await fixture.WaitForUsageAsync(response.Headers.GetValues("X-ASO-Request-Id").Single());
        var day = record.Timestamp.UtcDateTime.Date;
        var summary = await cli.RunAsync("usage", "summary", "--from", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--to", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--by", "model", "--tenant", tenant.Name, "--json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(JsonDocument.Parse(summary.Output).RootElement.EnumerateArray());
        Assert.Equal("acme/brand-new-model", row.GetProperty("key").GetString());
        Assert.Equal(0.0042m, row.GetProperty("costUsd").GetDecimal());
        Assert.Equal(0.0042m, row.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(1, row.GetProperty("reported").GetInt32());
        Assert.Equal(0, row.GetProperty("unpriced").GetInt32());
    }

    private static List<JsonElement> JsonLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static void AssertClose(decimal expected, decimal actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"Expected {expected} USD within {Tolerance}, got {actual}.");
}
