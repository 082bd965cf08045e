using System.Text.Json;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>usage export</c> and <c>usage summary</c> over records with known values.</summary>
public sealed class UsageCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task ExportJsonl_HasContractColumnsAndDimsObject()
    {
        var tenant = await SeedAsync("export-jsonl");

        var result = await cli.RunAsync("usage", "export", "--from", "2026-03-01", "--to", "2026-04-01", "--format", "jsonl", "--tenant", tenant);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var first = lines.Single(l => l.GetProperty("request_id").GetString() == $"{tenant}-1");
        Assert.Equal("req_up_1", first.GetProperty("upstream_request_id").GetString());
        Assert.Equal("2026-03-02T10:00:00.000Z", first.GetProperty("timestamp").GetString());
        Assert.Equal(tenant, first.GetProperty("tenant").GetString());
        Assert.Equal("anthropic", first.GetProperty("provider").GetString());
        Assert.Equal("claude-sonnet-4-5-20250929", first.GetProperty("model").GetString());
        Assert.Equal(12, first.GetProperty("input_tokens").GetInt64());
        Assert.Equal(10240, first.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(2048 + 100, first.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(100, first.GetProperty("cache_write_1h_tokens").GetInt64());
        Assert.Equal(11, first.GetProperty("output_tokens").GetInt64());
        Assert.Equal(0.0123m, first.GetProperty("cost_usd").GetDecimal());
        Assert.Equal("priced", first.GetProperty("pricing_status").GetString());
        Assert.True(first.GetProperty("usage_complete").GetBoolean());
        Assert.Equal("proxy", first.GetProperty("source").GetString());
        Assert.False(first.GetProperty("estimated").GetBoolean());
        Assert.Equal("backend", first.GetProperty("dims").GetProperty("team").GetString());
        var unpriced = lines.Single(l => l.GetProperty("request_id").GetString() == $"{tenant}-2");
        Assert.Equal("unpriced", unpriced.GetProperty("pricing_status").GetString());
        Assert.Equal(JsonValueKind.Null, unpriced.GetProperty("cost_usd").ValueKind);
        Assert.Equal("telemetry", lines.Single(l => l.GetProperty("request_id").GetString() == $"{tenant}-3").GetProperty("source").GetString());
    }

    [Fact]
    public async Task ExportCsv_HasOneColumnPerDimension()
    {
        var tenant = await SeedAsync("export-csv");

        var result = await cli.RunAsync("usage", "export", "--from", "2026-03-01", "--to", "2026-04-01", "--tenant", tenant);

        var rows = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, rows.Length);
        Assert.Equal(["dim.team", "dim.user"], header.Where(h => h.StartsWith("dim.", StringComparison.Ordinal)));
        var first = rows.Single(r => r.StartsWith($"{tenant}-1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("backend", first[Array.IndexOf(header, "dim.team")]);
        Assert.Equal("alice", first[Array.IndexOf(header, "dim.user")]);
        Assert.Equal("0.0123", first[Array.IndexOf(header, "cost_usd")]);
    }

    [Fact]
    public async Task ExportCsv_ValueThatLooksLikeAFormula_IsDefused()
    {
        var tenant = await fixture.EnsureTenantAsync("formula");
        await fixture.WithDbAsync(db =>
        {
            db.UsageRecords.Add(new UsageRecord
            {
                RequestId = "formula-1", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), Provider = "openai",
                Endpoint = "chat.completions", StatusCode = 200, UsageComplete = true, Dims = new() { ["team"] = "=HYPERLINK(\"http://x\")" },
                DimensionRows = [new UsageDimension { Name = "team", Value = "=HYPERLINK(\"http://x\")" }],
            });
            return db.SaveChangesAsync();
        });

        var result = await cli.RunAsync("usage", "export", "--from", "2026-03-01", "--to", "2026-04-01", "--tenant", "formula");

        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://x\"\")\"", result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public async Task Summary_ByDimension_SumsCostAndTokensPerValue()
    {
        var tenant = await SeedAsync("summary");

        var result = await cli.RunAsync("usage", "summary", "--from", "2026-03-01", "--to", "2026-04-01", "--by", "dim:team", "--tenant", tenant, "--json");

        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString() ?? "(none)");
        Assert.Equal(2, rows["backend"].GetProperty("requests").GetInt32());
        Assert.Equal(0.0123m + 0.5m, rows["backend"].GetProperty("costUsd").GetDecimal());
        Assert.Equal(12 + 1000, rows["backend"].GetProperty("inputTokens").GetInt64());
        Assert.Equal(1, rows["(none)"].GetProperty("requests").GetInt32());
        Assert.Equal(1, rows["(none)"].GetProperty("unpriced").GetInt32());
    }

    [Fact]
    public async Task Summary_LeavesOutSupersededRecordsAndOtherPeriods()
    {
        var tenant = await SeedAsync("superseded");

        var result = await cli.RunAsync("usage", "summary", "--from", "2026-03-01", "--to", "2026-03-03", "--by", "source", "--tenant", tenant, "--json");

        var rows = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        var only = Assert.Single(rows);
        Assert.Equal("proxy", only.GetProperty("key").GetString());
        Assert.Equal(1, only.GetProperty("requests").GetInt32());
    }

    [Theory]
    [InlineData("usage", "summary", "--from", "2026-03-01", "--to", "2026-04-01", "--by", "colour")]
    [InlineData("usage", "export", "--from", "yesterday", "--to", "2026-04-01")]
    [InlineData("usage", "export", "--from", "2026-04-01", "--to", "2026-03-01")]
    [InlineData("usage", "export", "--from", "2026-03-01", "--to", "2026-04-01", "--format", "xml")]
    public async Task BadArguments_ExitWithUsageError(params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    /// <summary>Three records in March 2026 (and a superseded one) for a new tenant.</summary>
    private async Task<string> SeedAsync(string tenantName)
    {
        var tenant = await fixture.EnsureTenantAsync(tenantName);
        UsageRecord Record(int n, DateTimeOffset at) => new()
        {
            RequestId = $"{tenantName}-{n}", TenantId = tenant.Id, Timestamp = at, Provider = "anthropic", Endpoint = "messages",
            UsageComplete = true, StatusCode = 200,
        };
        var priced = Record(1, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        priced.UpstreamRequestId = "req_up_1";
        priced.ApiKeyId = "k1";
        priced.ModelRequested = "claude-sonnet-4-5";
        priced.ModelReported = "claude-sonnet-4-5-20250929";
        (priced.Tokens.InputTokens, priced.Tokens.CacheReadTokens, priced.Tokens.CacheWrite5mTokens, priced.Tokens.CacheWrite1hTokens, priced.Tokens.OutputTokens) = (12, 10240, 2048, 100, 11);
        (priced.CostUsd, priced.PricingStatus) = (0.0123m, PricingStatus.Priced);
        priced.Dims = new() { ["team"] = "backend", ["user"] = "alice" };
        var unpriced = Record(2, new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        unpriced.ModelRequested = "mystery-model";
        unpriced.PricingStatus = PricingStatus.Unpriced;
        var telemetry = Record(3, new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));
        (telemetry.Source, telemetry.Estimated, telemetry.Tokens.InputTokens, telemetry.CostUsd, telemetry.PricingStatus) = (UsageSource.Telemetry, true, 1000, 0.5m, PricingStatus.Priced);
        telemetry.Dims = new() { ["team"] = "backend" };
        var superseded = Record(4, new DateTimeOffset(2026, 3, 2, 10, 0, 1, TimeSpan.Zero));
        (superseded.Source, superseded.Superseded, superseded.CostUsd) = (UsageSource.Telemetry, true, 9m);
        superseded.Dims = new() { ["team"] = "backend" };

        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in new[] { priced, unpriced, telemetry, superseded })
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return tenantName;
    }
}
