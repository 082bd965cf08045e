using System.Text.Json;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>One capture folder under <c>Fixtures/claude-code-captures</c>: its export requests in arrival order and Claude Code's own totals.</summary>
public sealed class ClaudeCodeCapture
{
    private ClaudeCodeCapture(string name, List<CapturedExport> exports, UsageTotals expected)
    {
        Name = name;
        Exports = exports;
        Expected = expected;
    }

    /// <summary>Every capture folder, for theories that run once per capture.</summary>
    public static TheoryData<string> Names => new() { "json-tool", "json-tool-cumulative-slow", "protobuf-tool" };

    public string Name { get; }
    public IReadOnlyList<CapturedExport> Exports { get; }

    /// <summary>Parsed from <c>claude-stdout.txt</c> (<c>total_cost_usd</c> and <c>usage</c>), independently of the code under test.</summary>
    public UsageTotals Expected { get; }

    public static ClaudeCodeCapture Load(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-captures", name);
        var exports = File.ReadAllLines(Path.Combine(folder, "otlp", "index.jsonl"))
            .Where(line => line.Trim().Length > 0)
            .Select(line =>
            {
                using var entry = JsonDocument.Parse(line);
                var root = entry.RootElement;
                return new CapturedExport(
                    root.GetProperty("signal").GetString()!,
                    root.GetProperty("contentType").GetString()!,
                    File.ReadAllBytes(Path.Combine(folder, "otlp", root.GetProperty("file").GetString()!)));
            })
            .ToList();

        using var stdout = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "claude-stdout.txt")));
        var result = stdout.RootElement;
        var usage = result.GetProperty("usage");
        var expected = new UsageTotals(
            Math.Round((decimal)result.GetProperty("total_cost_usd").GetDouble(), 10),
            usage.GetProperty("input_tokens").GetInt64(),
            usage.GetProperty("output_tokens").GetInt64(),
            usage.GetProperty("cache_read_input_tokens").GetInt64(),
            usage.GetProperty("cache_creation_input_tokens").GetInt64());
        return new ClaudeCodeCapture(name, exports, expected);
    }
}
