using System.Text;
using SpendOps.Proxy.Telemetry.Mapping;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Tests.Proxy.Telemetry;

public sealed class OtlpJsonParserTests
{
    private static readonly TelemetryMappingContext Context = new(Guid.NewGuid(), Guid.NewGuid(), "ikey", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("{\"intValue\":\"1020\"}")]
    [InlineData("{\"intValue\":1020}")]
    [InlineData("{\"stringValue\":\"1020\"}")]
    [InlineData("{\"doubleValue\":1020}")]
    [InlineData("{\"doubleValue\":\"1020\"}")]
    public void ParseLogs_TokenCountInAnyNumericForm_ReadsSameValue(string value)
    {
        var request = OtlpJsonParser.ParseLogs(OtlpPayloads.ApiRequest("req_1", inputTokens: value));

        var record = Assert.Single(ClaudeCodeEventMapper.Map(request, Context));
        Assert.Equal(1020, record.Tokens.InputTokens);
    }

    [Theory]
    [InlineData("{\"doubleValue\":0.048837}", "0.048837")]
    [InlineData("{\"stringValue\":\"0.048837\"}", "0.048837")]
    [InlineData("{\"doubleValue\":0.05820900000000001}", "0.058209")]
    [InlineData("{\"doubleValue\":{}}", null)]
    [InlineData("{}", null)]
    [InlineData("null", null)]
    public void ParseLogs_CostInAnyForm_ReadsDecimalOrNullsOnlyThatField(string value, string? expected)
    {
        var request = OtlpJsonParser.ParseLogs(OtlpPayloads.ApiRequest("req_1", cost: value));

        var record = Assert.Single(ClaudeCodeEventMapper.Map(request, Context));
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.ProviderCostUsd);
        Assert.Equal(100, record.Tokens.InputTokens);
    }

    [Fact]
    public void ParseLogs_NullFieldsAndUnknownFields_Ignored()
    {
        var body = """
            {"resourceLogs":[{"resource":null,"somethingNew":{"x":1},"scopeLogs":[{"scope":null,"logRecords":[null,{
              "timeUnixNano":null,"observedTimeUnixNano":"1782907209000000000","severityNumber":null,"severityText":null,"eventName":null,
              "body":{"stringValue":"claude_code.api_request"},"attributes":[{"key":"request_id","value":{"stringValue":"req_9"}},{"key":"x","value":null}],
              "futureField":[1,2,3]}]}]}]}
            """u8.ToArray();

        var request = OtlpJsonParser.ParseLogs(body);

        var record = Assert.Single(ClaudeCodeEventMapper.Map(request, Context));
        Assert.Equal("req_9", record.UpstreamRequestId);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 9, TimeSpan.Zero), record.Timestamp);
    }

    [Fact]
    public void ParseMetrics_SnakeCaseKeysAndEnumNames_Parsed()
    {
        var body = """
            {"resource_metrics":[{"scope_metrics":[{"metrics":[{"name":"claude_code.cost.usage",
              "sum":{"aggregation_temporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","is_monotonic":true,
                "data_points":[{"start_time_unix_nano":1782907200000000000,"time_unix_nano":"1782907260000000000","as_int":"7"}]}}]}]}]}
            """u8.ToArray();

        var metric = OtlpJsonParser.ParseMetrics(body).ResourceMetrics.Single().ScopeMetrics.Single().Metrics.Single();

        Assert.Equal(OtlpTemporality.Cumulative, metric.Temporality);
        Assert.True(metric.IsMonotonic);
        var point = Assert.Single(metric.DataPoints);
        Assert.Equal(7L, point.AsInt);
        Assert.Equal(1782907200000000000UL, point.StartTimeUnixNano);
        Assert.Equal(1782907260000000000UL, point.TimeUnixNano);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"2\"", 2)]
    [InlineData("\"AGGREGATION_TEMPORALITY_DELTA\"", 1)]
    [InlineData("\"cumulative\"", 2)]
    public void ParseMetrics_TemporalityAsNumberOrName_Mapped(string json, int expected)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"resourceMetrics\":[{{\"scopeMetrics\":[{{\"metrics\":[{{\"name\":\"m\",\"sum\":{{\"aggregationTemporality\":{json}}}}}]}}]}}]}}");

        var metric = OtlpJsonParser.ParseMetrics(body).ResourceMetrics.Single().ScopeMetrics.Single().Metrics.Single();

        Assert.Equal((OtlpTemporality)expected, metric.Temporality);
    }

    [Theory]
    [InlineData("[]", "request body: expected an object, got an array")]
    [InlineData("{\"resourceLogs\":{}}", "resourceLogs: expected an array, got an object")]
    [InlineData("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[\"x\"]}]}]}", "resourceLogs[0].scopeLogs[0].logRecords[0]: expected an object, got a string")]
    [InlineData("{\"resourceLogs\":", "invalid JSON at byte 16:")]
    public void ParseLogs_WrongShape_ThrowsSayingWhere(string json, string expectedStart)
    {
        var error = Assert.Throws<OtlpFormatException>(() => OtlpJsonParser.ParseLogs(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith(expectedStart, error.Message);
    }

    [Fact]
    public void ParseLogs_ProtobufAndItsDecodedJson_MapToSameRecords()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-captures", "protobuf-tool", "otlp");

        var fromProtobuf = ClaudeCodeEventMapper.Map(OtlpProtobufParser.ParseLogs(File.ReadAllBytes(Path.Combine(folder, "0001-logs.pb"))), Context);
        var fromJson = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(File.ReadAllBytes(Path.Combine(folder, "0001-logs.decoded.json"))), Context);

        Assert.Equal(2, fromProtobuf.Count);
        Assert.Equal(
            fromJson.Select(r => (r.RequestId, r.Timestamp, r.Tokens.InputTokens, r.Tokens.OutputTokens, r.Tokens.CacheReadTokens, r.Tokens.CacheWrite5mTokens, r.ProviderCostUsd, string.Join(",", r.Dims))),
            fromProtobuf.Select(r => (r.RequestId, r.Timestamp, r.Tokens.InputTokens, r.Tokens.OutputTokens, r.Tokens.CacheReadTokens, r.Tokens.CacheWrite5mTokens, r.ProviderCostUsd, string.Join(",", r.Dims))));
    }

    [Fact]
    public void ParseMetrics_ProtobufAndItsDecodedJson_ReadSameSamples()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-code-captures", "protobuf-tool", "otlp");

        var fromProtobuf = ClaudeCodeMetricReader.Read(OtlpProtobufParser.ParseMetrics(File.ReadAllBytes(Path.Combine(folder, "0002-metrics.pb"))), out _);
        var fromJson = ClaudeCodeMetricReader.Read(OtlpJsonParser.ParseMetrics(File.ReadAllBytes(Path.Combine(folder, "0002-metrics.decoded.json"))), out _);

        Assert.Equal(5, fromProtobuf.Count);
        Assert.Equal(
            fromJson.Select(s => (s.SeriesKey, s.GroupKey, s.Field, s.Value, s.StartTimeUnixNano, s.TimeUnixNano, s.Temporality)),
            fromProtobuf.Select(s => (s.SeriesKey, s.GroupKey, s.Field, s.Value, s.StartTimeUnixNano, s.TimeUnixNano, s.Temporality)));
    }
}
