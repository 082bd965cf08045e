using System.Text.Json;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

public sealed class PriceCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task PricesList_ShowsSeededCatalogPrice()
    {
        var result = await cli.RunAsync("prices", "list", "--model", "gpt-4.1-2025-04-14", "--json");

        Assert.Equal(0, result.ExitCode);
        var price = Assert.Single(JsonDocument.Parse(result.Output).RootElement.EnumerateArray(), p => p.GetProperty("model").GetString() == "gpt-4.1-2025-04-14" && p.GetProperty("serviceTier").ValueKind == JsonValueKind.Null);
        Assert.Equal(2m, price.GetProperty("inputPerMTok").GetDecimal());
        Assert.Equal(8m, price.GetProperty("outputPerMTok").GetDecimal());
        Assert.Equal(0.5m, price.GetProperty("cacheReadPerMTok").GetDecimal());
    }

    [Fact]
    public async Task PricesChecks_ListsCorrectionsMadeWhenTheCatalogWasSeeded()
    {
        var result = await cli.RunAsync("prices", "checks", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Output).RootElement;
        var haiku = Assert.Single(report.GetProperty("corrections").EnumerateArray(), c => c.GetProperty("model").GetString() == "claude-3-haiku-20240307");
        Assert.Equal("CacheWrite1hPerMTok", haiku.GetProperty("field").GetString());
        Assert.Equal((6m, 0.5m), (haiku.GetProperty("catalogValue").GetDecimal(), haiku.GetProperty("correctedValue").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, haiku.GetProperty("replacedPriceId").ValueKind);
        Assert.Contains(report.GetProperty("undecided").EnumerateArray(), u => u.GetProperty("model").GetString() == "gpt-5-nano" && u.GetProperty("serviceTier").GetString() == "priority");
    }

    [Fact]
    public async Task PricesSet_UnpricedModelDisappearsFromUnpricedListOnceRerated()
    {
        var tenant = await fixture.EnsureTenantAsync("prices");
        await fixture.WithDbAsync(db =>
        {
            db.UsageRecords.Add(new UsageRecord
            {
                RequestId = "unpriced-1", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero),
                Provider = "nebius", Endpoint = "chat.completions", ModelRequested = "Qwen/Qwen3-235B",
                Tokens = new TokenCounts { InputTokens = 1_000_000, OutputTokens = 500_000 },
                UsageComplete = true, StatusCode = 200, PricingStatus = PricingStatus.Unpriced,
            });
            return db.SaveChangesAsync();
        });
        var before = await cli.RunAsync("usage", "unpriced", "--tenant", "prices", "--json");

        var set = await cli.RunAsync("prices", "set", "--provider", "nebius", "--model", "Qwen/Qwen3-235B", "--input-per-mtok", "0.2", "--output-per-mtok", "0.6");
        var rerate = await cli.RunAsync("prices", "rerate", "--from", "2026-05-01", "--to", "2026-05-02", "--tenant", "prices", "--json");
        var after = await cli.RunAsync("usage", "unpriced", "--tenant", "prices", "--json");

        Assert.Equal("Qwen/Qwen3-235B", Assert.Single(JsonDocument.Parse(before.Output).RootElement.EnumerateArray()).GetProperty("model").GetString());
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(rerate.Output).RootElement.GetProperty("changed").GetInt32());
        Assert.Empty(JsonDocument.Parse(after.Output).RootElement.EnumerateArray());
        // 1M input × $0.2/M + 0.5M output × $0.6/M = 0.2 + 0.3
        var cost = await fixture.WithDbAsync(db => Task.FromResult(db.UsageRecords.Single(r => r.RequestId == "unpriced-1").CostUsd));
        Assert.Equal(0.5m, cost);
    }

    [Theory]
    [InlineData("error: --input-per-mtok 'cheap' is not a non-negative number", "prices", "set", "--provider", "openai", "--model", "x", "--input-per-mtok", "cheap", "--output-per-mtok", "1")]
    [InlineData("error: 'prices set' needs --output-per-mtok", "prices", "set", "--provider", "openai", "--model", "x", "--input-per-mtok", "1")]
    [InlineData("error: No file at 'missing.json'.", "prices", "import", "missing.json")]
    public async Task BadArguments_OneLineError(string expected, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith(expected, result.Error);
    }
}
