using System.Text;
using SpendOps.Proxy.Telemetry.Mapping;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>The stored copy of protobuf and redacted bodies must read back to the same usage.</summary>
public sealed class OtlpJsonWriterTests
{
    private static readonly TelemetryMappingContext Context = new(Guid.NewGuid(), Guid.NewGuid(), "ikey", DateTimeOffset.UnixEpoch);
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-captures", "protobuf-tool", "otlp");

    [Fact]
    public void Write_ProtobufLogs_ReadsBackToSameRecords()
    {
        var decoded = OtlpProtobufParser.ParseLogs(File.ReadAllBytes(Path.Combine(Folder, "0001-logs.pb")));

        var reread = OtlpJsonParser.ParseLogs(Encoding.UTF8.GetBytes(OtlpJsonWriter.Write(decoded, new ContentRedaction())));

        Assert.Equal(decoded.RecordCount, reread.RecordCount);
        Assert.Equal(Describe(ClaudeCodeEventMapper.Map(decoded, Context)), Describe(ClaudeCodeEventMapper.Map(reread, Context)));
    }

    [Fact]
    public void Write_ProtobufMetrics_ReadsBackToSameSamples()
    {
        var decoded = OtlpProtobufParser.ParseMetrics(File.ReadAllBytes(Path.Combine(Folder, "0002-metrics.pb")));

        var reread = OtlpJsonParser.ParseMetrics(Encoding.UTF8.GetBytes(OtlpJsonWriter.Write(decoded, new ContentRedaction())));

        Assert.Equal(
            ClaudeCodeMetricReader.Read(decoded, out _).Select(s => (s.SeriesKey, s.Value, s.TimeUnixNano, s.Temporality)),
            ClaudeCodeMetricReader.Read(reread, out _).Select(s => (s.SeriesKey, s.Value, s.TimeUnixNano, s.Temporality)));
    }

    [Fact]
    public void Write_ContentAttributes_RedactedAndTheCopyReadsBackToSameRecords()
    {
        var request = OtlpJsonParser.ParseLogs(OtlpPayloads.ApiRequest("req_1", extraAttributes:
            ",{\"key\":\"prompt\",\"value\":{\"stringValue\":\"top secret\"}},{\"key\":\"tool_input\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"cmd\",\"value\":{\"stringValue\":\"rm -rf\"}}]}}}"));
        var redaction = new ContentRedaction();

        var json = OtlpJsonWriter.Write(request, redaction);

        Assert.True(redaction.Redacted);
        Assert.DoesNotContain("top secret", json);
        Assert.DoesNotContain("rm -rf", json);
        var reread = OtlpJsonParser.ParseLogs(Encoding.UTF8.GetBytes(json));
        var again = new ContentRedaction();
        Assert.Equal(json, OtlpJsonWriter.Write(reread, again));
        Assert.False(again.Redacted);
        Assert.Equal(Describe(ClaudeCodeEventMapper.Map(request, Context)), Describe(ClaudeCodeEventMapper.Map(reread, Context)));
    }

    private static IEnumerable<string> Describe(IEnumerable<SpendOps.Core.Usage.UsageRecord> records) =>
        records.Select(r => $"{r.RequestId} {r.Timestamp:O} {r.Tokens.InputTokens} {r.Tokens.OutputTokens} {r.Tokens.CacheReadTokens} {r.Tokens.CacheWrite5mTokens} {r.ProviderCostUsd} {string.Join(",", r.Dims)}");
}
