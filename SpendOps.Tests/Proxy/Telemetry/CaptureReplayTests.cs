using System.Net;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// Replays real Claude Code exports against the ingest and checks the counted totals against Claude Code's own
/// result (<c>claude-stdout.txt</c>): events and metrics describe the same spend, which must count exactly once.
/// </summary>
public abstract class CaptureReplayTests(TelemetryTestHost host)
{
    [DatabaseTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task Replay_AllExportsInOrder_TotalsEqualClaudeCodeResult(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var connection = await host.CreateConnectionAsync();

        await ReplayAsync(connection, capture.Exports);

        Assert.Equal(capture.Expected, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)));
    }

    [DatabaseTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task Replay_MetricsOnly_TotalsEqualClaudeCodeResult(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var connection = await host.CreateConnectionAsync();

        await ReplayAsync(connection, capture.Exports.Where(e => e.Signal == "metrics"));

        Assert.Equal(capture.Expected, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)));
    }

    [DatabaseTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task Replay_LogsOnly_TotalsEqualClaudeCodeResult(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var connection = await host.CreateConnectionAsync();

        await ReplayAsync(connection, capture.Exports.Where(e => e.Signal == "logs"));

        Assert.Equal(capture.Expected, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)));
    }

    [DatabaseTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task Replay_EveryExportTwice_CountsOnce(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var connection = await host.CreateConnectionAsync();

        // An exporter retry re-sends the same batch right away; a whole-run replay re-sends everything later.
        await ReplayAsync(connection, capture.Exports.SelectMany(e => new[] { e, e }));
        await ReplayAsync(connection, capture.Exports);

        Assert.Equal(capture.Expected, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)));
    }

    [DatabaseTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task Replay_MetricsBeforeLogs_EventsSupersedeMetricRecords(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var connection = await host.CreateConnectionAsync();

        await ReplayAsync(connection, capture.Exports.OrderBy(e => e.Signal == "logs"));

        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(capture.Expected, UsageTotals.Of(records));
        Assert.All(records.Where(r => r.Endpoint == "claude_code.metrics"), r => Assert.True(r.Superseded));
        Assert.All(records.Where(r => r.Endpoint == "claude_code.api_request"), r => Assert.False(r.Superseded));
    }

    [DatabaseFact]
    public async Task Replay_JsonToolCapture_RecordsCarryRequestIdsAndDimensions()
    {
        var capture = ClaudeCodeCapture.Load("json-tool");
        var connection = await host.CreateConnectionAsync();

        await ReplayAsync(connection, capture.Exports);

        var events = (await host.RecordsAsync(connection.Connection.Id)).Where(r => r.Endpoint == "claude_code.api_request").OrderBy(r => r.Timestamp).ToList();
        Assert.Equal(["req_a463968e03a50f02b529b955", "req_773db48f1491b40efdbd8232"], events.Select(r => r.UpstreamRequestId));
        var first = events[0];
        Assert.True(first.Estimated);
        Assert.True(first.UsageComplete);
        Assert.Equal("anthropic", first.Provider);
        Assert.Equal("claude-opus-5-5", first.ModelReported);
        Assert.Equal(12344, first.Tokens.InputTokens);
        Assert.Equal(1543, first.Tokens.CacheWrite5mTokens);
        Assert.Equal(0.0578482m, first.ProviderCostUsd);
        Assert.Equal(119, first.LatencyMs);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 54, 16, 989, TimeSpan.Zero), first.Timestamp);
        var dims = first.DimensionRows.ToDictionary(d => d.Name, d => d.Value);
        Assert.Equal("1d7b5e1e-87d2-4f1f-b82e-e0ea55d33866", dims["session.id"]);
        Assert.Equal("51433b5d07d6e427606860ad047400d19432c5623eaefc87f11315b4c95453ad", dims["user"]);
        Assert.Equal("sdk", dims["query_source"]);
        Assert.Equal("2.1.330", dims["app.version"]);
        Assert.False(dims.ContainsKey("os.type"));
        Assert.False(dims.ContainsKey("host.arch"));
    }

    private async Task ReplayAsync(SpendOps.Core.Telemetry.CreatedTelemetryConnection connection, IEnumerable<CapturedExport> exports)
    {
        foreach (var export in exports)
        {
            using var response = await host.PostAsync(connection, export.Signal, export.Body, export.ContentType);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : CaptureReplayTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : CaptureReplayTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
