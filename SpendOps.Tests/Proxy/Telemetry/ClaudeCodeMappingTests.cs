using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Mapping;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Tests.Proxy.Telemetry;

public sealed class ClaudeCodeMappingTests
{
    private static readonly TelemetryMappingContext Context = new(Guid.NewGuid(), Guid.NewGuid(), "ikey", DateTimeOffset.UnixEpoch);

    [Fact]
    public void MapEvents_ReferenceFixture_OneEstimatedRecordPerApiRequest()
    {
        var records = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context);

        Assert.Equal(2, records.Count);
        var sonnet = records[0];
        Assert.Equal(UsageSource.Telemetry, sonnet.Source);
        Assert.True(sonnet.Estimated);
        Assert.True(sonnet.UsageComplete);
        Assert.Equal(PricingStatus.Pending, sonnet.PricingStatus);
        Assert.Equal("anthropic", sonnet.Provider);
        Assert.Equal("claude_code.api_request", sonnet.Endpoint);
        Assert.Equal("claude-sonnet-4-5-20250929", sonnet.ModelReported);
        Assert.Equal((1020, 287, 61440, 6144), (sonnet.Tokens.InputTokens, sonnet.Tokens.OutputTokens, sonnet.Tokens.CacheReadTokens, sonnet.Tokens.CacheWrite5mTokens));
        Assert.Equal(0.048837m, sonnet.ProviderCostUsd);
        Assert.Equal("req_011FxRequest0001", sonnet.UpstreamRequestId);
        Assert.Equal(7912, sonnet.LatencyMs);
        Assert.Equal(Context.ConnectionId, sonnet.ConnectionId);
        Assert.Equal(Context.TenantId, sonnet.TenantId);
    }

    [Fact]
    public void MapEvents_ReferenceFixture_DimensionsFromStandardAndCustomAttributes()
    {
        var dims = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context)[0].Dims;

        Assert.Equal("alice@example.com", dims["user"]);
        Assert.Equal("alice@example.com", dims["user.email"]);
        Assert.Equal("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", dims["user.account_uuid"]);
        Assert.Equal("user_01FxAccount0001", dims["user.account_id"]);
        Assert.Equal("3a9f1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", dims["organization.id"]);
        Assert.Equal("7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e", dims["session.id"]);
        Assert.Equal("repl_main_thread", dims["query_source"]);
        Assert.Equal("vscode", dims["terminal.type"]);
        Assert.Equal("2.1.226", dims["app.version"]);
        Assert.Equal("engineering", dims["department"]);
        Assert.Equal("platform", dims["team.id"]);
        Assert.DoesNotContain("os.type", dims.Keys);
        Assert.DoesNotContain("host.arch", dims.Keys);
        Assert.DoesNotContain("cost_usd", dims.Keys);
        Assert.Equal(dims.Count, ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context)[0].DimensionRows.Count);
    }

    [Fact]
    public void MapEvents_UserDimension_FallsBackToAccountThenInstallId()
    {
        var withoutEmail = OtlpPayloads.ApiRequest("req_1").AsSpan().ToArray();
        var body = System.Text.Encoding.UTF8.GetString(withoutEmail)
            .Replace("{\"key\":\"user.email\",\"value\":{\"stringValue\":\"alice@example.com\"}},", "{\"key\":\"user.id\",\"value\":{\"stringValue\":\"install-1\"}},", StringComparison.Ordinal);

        var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(System.Text.Encoding.UTF8.GetBytes(body)), Context));

        Assert.Equal("install-1", record.Dims["user"]);
    }

    [Fact]
    public void MapEvents_InvalidOrOverlongDimensionValues_SkippedNeverFailing()
    {
        var longValue = new string('v', 400);
        var body = OtlpPayloads.ApiRequest("req_1", extraAttributes:
            $",{{\"key\":\"skill.name\",\"value\":{{\"stringValue\":\"{longValue}\"}}}},{{\"key\":\"agent.name\",\"value\":{{\"stringValue\":\"bad\\u0001value\"}}}}");

        var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(body), Context));

        Assert.DoesNotContain("skill.name", record.Dims.Keys);
        Assert.DoesNotContain("agent.name", record.Dims.Keys);
    }

    [Fact]
    public void MapEvents_SameEventTwice_SameRequestId()
    {
        var first = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context);
        var second = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context with { ReceivedAt = DateTimeOffset.UtcNow });

        Assert.Equal(first.Select(r => r.RequestId), second.Select(r => r.RequestId));
        Assert.All(first, r => Assert.True(r.RequestId.Length <= 64));
    }

    [Fact]
    public void MapEvents_CacheWriteSplit_KeptAsFiveMinuteAndOneHour()
    {
        var body = OtlpPayloads.ApiRequest("req_1", extraAttributes:
            ",{\"key\":\"cache_creation_tokens\",\"value\":{\"intValue\":300}},{\"key\":\"cache_creation_5m_tokens\",\"value\":{\"intValue\":100}},{\"key\":\"cache_creation_1h_tokens\",\"value\":{\"intValue\":200}}");

        var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(body), Context));

        Assert.Equal((100, 200), (record.Tokens.CacheWrite5mTokens, record.Tokens.CacheWrite1hTokens));
    }

    [Fact]
    public void MapMetrics_ReferenceFixture_TotalsEqualItsEvents()
    {
        var events = ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(OtlpPayloads.ReferenceLogs), Context);
        var samples = ClaudeCodeMetricReader.Read(OtlpJsonParser.ParseMetrics(OtlpPayloads.ReferenceMetrics), out _);
        var increments = new CumulativeSeriesTracker(Context.ConnectionId, [], DateTimeOffset.UnixEpoch).Increments(samples);

        var records = ClaudeCodeMetricMapper.Map(increments, ClaudeCodeMetricMapper.DimensionsByGroup(samples), Context);

        Assert.Equal(2, records.Count);
        Assert.Equal(UsageTotals.Of(events), UsageTotals.Of(records));
        Assert.All(records, r => Assert.Equal("claude_code.metrics", r.Endpoint));
        Assert.Equal(["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"], records.Select(r => r.ModelReported).Order());
    }

    [Theory]
    [InlineData("\"timeUnixNano\":\"1782907209000000000\",\"observedTimeUnixNano\":\"1782907300000000000\",", "2026-07-01T12:00:09Z")]
    [InlineData("\"timeUnixNano\":\"0\",\"observedTimeUnixNano\":\"1782907300000000000\",", "2026-07-01T12:01:40Z")]
    [InlineData("\"timeUnixNano\":\"0\",", "2026-07-01T12:00:05.5Z")]
    public void MapEvents_Timestamp_FallsBackFromTimeToObservedToEventTimestamp(string times, string expected)
    {
        var body = """
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[{TIMES"body":{"stringValue":"claude_code.api_request"},
              "attributes":[{"key":"event.timestamp","value":{"stringValue":"2026-07-01T12:00:05.500Z"}},{"key":"request_id","value":{"stringValue":"req_t"}}]}]}]}]}
            """.Replace("TIMES", times, StringComparison.Ordinal);

        var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(System.Text.Encoding.UTF8.GetBytes(body)), Context));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), record.Timestamp);
    }

    [Fact]
    public void MapEvents_NoTimestampAtAll_UsesReceiveTime()
    {
        var body = """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"api_request"}]}]}]}"""u8.ToArray();
        var received = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(body), Context with { ReceivedAt = received }));

        Assert.Equal(received, record.Timestamp);
        Assert.False(record.UsageComplete);
    }

    [Fact]
    public void MapEvents_NoRequestId_IdFromSessionSequenceAndPrompt()
    {
        static string IdFor(int sequence)
        {
            var body = System.Text.Encoding.UTF8.GetString(OtlpPayloads.ApiRequest("X"))
                .Replace("{\"key\":\"request_id\",\"value\":{\"stringValue\":\"X\"}},",
                    $"{{\"key\":\"event.sequence\",\"value\":{{\"intValue\":{sequence}}}}},{{\"key\":\"prompt.id\",\"value\":{{\"stringValue\":\"p-1\"}}}},", StringComparison.Ordinal);
            var record = Assert.Single(ClaudeCodeEventMapper.Map(OtlpJsonParser.ParseLogs(System.Text.Encoding.UTF8.GetBytes(body)), Context));
            Assert.Null(record.UpstreamRequestId);
            return record.RequestId;
        }

        Assert.Equal(IdFor(4), IdFor(4));
        Assert.NotEqual(IdFor(4), IdFor(5));
    }

    [Fact]
    public void IsApiRequest_EventNameFieldOnly_Matches()
    {
        var log = new OtlpLogRecord { EventName = "claude_code.api_request" };

        Assert.True(ClaudeCodeEventMapper.IsApiRequest(log));
        Assert.False(ClaudeCodeEventMapper.IsApiRequest(new OtlpLogRecord { Body = OtlpValue.FromString("claude_code.api_error") }));
    }
}
