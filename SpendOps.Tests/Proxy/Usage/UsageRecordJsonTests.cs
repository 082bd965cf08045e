using System.Text;
using System.Text.Json;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>
/// The journal's hand-written record line is the spill format's own JSON, byte for byte, so every journal ever written
/// replays as before, whoever wrote it.
/// </summary>
public sealed class UsageRecordJsonTests
{
    [Fact]
    public void Write_EveryFieldSet_WritesTheSpillFormatsBytes()
    {
        var record = EveryFieldSet();

        Assert.Equal(Serialized(record), Written(record));
    }

    [Fact]
    public void Write_OnlyRequiredFields_WritesTheSpillFormatsBytes()
    {
        var record = new UsageRecord { RequestId = "aso_min", Provider = "openai", Endpoint = "chat.completions", Billable = false, UpstreamIdIndexed = false };

        Assert.Equal(Serialized(record), Written(record));
    }

    [Fact]
    public void Write_TelemetryRecordWithDimensionRows_WritesTheSpillFormatsBytes()
    {
        var record = EveryFieldSet();
        record.DimensionRows = [new UsageDimension { Name = "session.id", Value = "s-1" }, new UsageDimension { Name = "user.email", Value = "a@b.c" }];

        Assert.Equal(Serialized(record), Written(record));
    }

    [Fact]
    public void Write_EveryFieldSet_ReadsBackAsTheSameRecord()
    {
        var record = EveryFieldSet();

        var back = JsonSerializer.Deserialize<UsageRecord>(Written(record), UsageSpillJson.Options)!;

        Assert.Equivalent(record, back, strict: true);
    }

    /// <summary>
    /// Keeps the sample above complete: a field added to the record (or its counters) and left at its default there
    /// would be equal in both outputs only by luck of its default, and a field missing from the writer would go unseen.
    /// </summary>
    [Fact]
    public void EveryFieldSet_SetsEveryWritableField()
    {
        var sample = EveryFieldSet();
        var blank = new UsageRecord { RequestId = "", Provider = "", Endpoint = "" };
        var unset = typeof(UsageRecord).GetProperties().Where(p => p.CanWrite && p.Name is not nameof(UsageRecord.Tokens) and not nameof(UsageRecord.DimensionRows))
            .Where(p => Equals(p.GetValue(sample), p.GetValue(blank)) && p.PropertyType.IsValueType)
            .Select(p => p.Name)
            .Concat(typeof(TokenCounts).GetProperties().Where(p => p.CanWrite && Equals(p.GetValue(sample.Tokens), p.GetValue(blank.Tokens))).Select(p => p.Name))
            .Concat(typeof(UsageRecord).GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(string) && p.GetValue(sample) is null).Select(p => p.Name));

        Assert.Empty(unset);
    }

    private static UsageRecord EveryFieldSet() => new()
    {
        Id = 42,
        RequestId = "aso_01a23e009dfc74f191698baf666003d4",
        UpstreamRequestId = "chatcmpl-\"quoted\"\\slash",
        UpstreamIdIndexed = false,
        Timestamp = new DateTimeOffset(2026, 12, 3, 22, 22, 37, TimeSpan.FromHours(5.5)).AddTicks(5649609),
        TenantId = Guid.Parse("01a23dff-682f-7c84-a970-8d4f0f4ee783"),
        ApiKeyId = "k4ua80zk5cvw",
        ConnectionId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Source = UsageSource.Telemetry,
        Estimated = true,
        Superseded = true,
        Provider = "anthropic",
        Endpoint = "messages",
        ModelRequested = "claude-sonnet-4-5",
        ModelReported = "claude-sonnet-4-5-20250929",
        Stream = true,
        StatusCode = 529,
        LatencyMs = 1234.5678901,
        TimeToFirstByteMs = 1e-7,
        RequestBytes = 81,
        ResponseBytes = 5_000_000_000,
        Billable = false,
        UsageComplete = true,
        SearchContextSize = "medium",
        ServiceTier = "priority",
        ProviderCostUsd = 0.000012345678m,
        CostUsd = 12.5000m,
        CostSource = CostSource.TenantPrice,
        PricingStatus = PricingStatus.Priced,
        PriceId = 7,
        PricedAt = new DateTimeOffset(2026, 12, 3, 22, 23, 0, TimeSpan.Zero),
        Dims = new() { ["team"] = "Zürich <ops> & \"data\"", ["app"] = "wrk\u2028🚀", ["cost-center"] = "" },
        Tokens = new TokenCounts
        {
            InputTokens = 1,
            CacheReadTokens = 2,
            CacheWrite5mTokens = 3,
            CacheWrite1hTokens = 4,
            OutputTokens = 5,
            ReasoningTokens = 6,
            AudioInputTokens = 7,
            AudioOutputTokens = 8,
            ImageInputTokens = 9,
            ImageOutputTokens = 10,
            WebSearchRequests = 11,
        },
    };

    private static string Serialized(UsageRecord record) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(record, UsageSpillJson.Options));

    private static string Written(UsageRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = UsageSpillJson.Options.Encoder }))
            UsageRecordJson.Write(writer, record);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
