using System.Text.Json;
using System.Text.Json.Nodes;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>Spill files keep the shape they had before the counters moved into <see cref="TokenCounts"/>.</summary>
public sealed class UsageSpillJsonTests
{
    [Fact]
    public void Read_LineWrittenBeforeTokenCounts_KeepsEveryCounter()
    {
        var path = Path.Combine(TestEnvironment.TempDirectory("spill-json"), "replay-old.jsonl");
        File.WriteAllText(path, """
            {"id":0,"requestId":"old-1","timestamp":"2026-05-01T00:00:00+00:00","tenantId":"0f8fad5b-d9cb-469f-a165-70867728950e","provider":"openai","endpoint":"chat.completions","usageComplete":true,"inputTokens":1,"cacheReadTokens":2,"cacheWrite5mTokens":3,"cacheWrite1hTokens":4,"outputTokens":5,"reasoningTokens":6,"audioInputTokens":7,"audioOutputTokens":8,"imageInputTokens":9,"imageOutputTokens":10,"webSearchRequests":11,"serviceTier":"default","cacheWriteTokens":7,"promptTokens":10}
            """ + "\n");

        var record = Assert.Single(UsageSpillFile.Read(path));

        Assert.Equal("old-1", record.RequestId);
        Assert.Equal("default", record.ServiceTier);
        Assert.Equivalent(Counters(), record.Tokens, strict: true);
    }

    /// <summary>A counter out of its type's range makes its line malformed: that line is skipped, the next is replayed.</summary>
    [Fact]
    public void Read_CounterOutOfRange_SkipsThatLineOnly()
    {
        var path = Path.Combine(TestEnvironment.TempDirectory("spill-json"), "replay-range.jsonl");
        File.WriteAllText(path, """
            {"requestId":"too-many","provider":"openai","endpoint":"chat.completions","webSearchRequests":3000000000}
            {"requestId":"fine","provider":"openai","endpoint":"chat.completions","webSearchRequests":3}
            """ + "\n");

        var record = Assert.Single(UsageSpillFile.Read(path));

        Assert.Equal("fine", record.RequestId);
        Assert.Equal(3, record.Tokens.WebSearchRequests);
    }

    /// <summary>
    /// Journal records take their places in the file in order but are written side by side: a process killed between
    /// taking a place and writing it leaves zero bytes there, in front of the next record's whole line, and at the end.
    /// </summary>
    [Fact]
    public void Read_JournalWithUnwrittenPlaces_ReplaysEveryWrittenRecord()
    {
        var path = Path.Combine(TestEnvironment.TempDirectory("spill-json"), "replay-gap.jsonl");
        static byte[] Line(string id) => [.. JsonSerializer.SerializeToUtf8Bytes(
            new UsageRecord { RequestId = id, Provider = "openai", Endpoint = "chat.completions" }, UsageSpillJson.Options), (byte)'\n'];
        File.WriteAllBytes(path, [.. UsageSpillFile.Header("db"), .. Line("first"), .. new byte[700], .. Line("after-gap"), .. new byte[650]]);

        Assert.Equal(["first", "after-gap"], UsageSpillFile.Read(path).Select(r => r.RequestId));
    }

    [Fact]
    public void Serialize_Record_WritesCountersOnTheRecordItself()
    {
        var record = new UsageRecord { RequestId = "new-1", Provider = "openai", Endpoint = "chat.completions", Tokens = Counters() };

        var json = JsonSerializer.SerializeToNode(record, UsageSpillJson.Options)!.AsObject();
        var back = JsonSerializer.Deserialize<UsageRecord>(json.ToJsonString(), UsageSpillJson.Options)!;

        Assert.False(json.ContainsKey("tokens"));
        Assert.Equal(1, json["inputTokens"]!.GetValue<long>());
        Assert.Equal(11, json["webSearchRequests"]!.GetValue<int>());
        Assert.Equivalent(Counters(), back.Tokens, strict: true);
    }

    private static TokenCounts Counters() => new()
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
    };
}
