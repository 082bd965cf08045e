using System.Text;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>Cut streams, garbage, oversized events and huge bodies: never an exception, memory stays bounded.</summary>
public sealed class StreamRobustnessTests
{
    private const string Sse = "text/event-stream";
    private const string Json = "application/json";

    /// <summary>Fixture, where to cut (the body is truncated just before this text), and what was seen by then.</summary>
    public static TheoryData<string, string, string, string, string, UsageSnapshot> Cuts => new()
    {
        {
            "openai-chat.sse", "data: [DONE]", "openai", "/v1/chat/completions", Sse,
            new UsageSnapshot { Completed = false, Model = "gpt-4.1-2025-04-14", ResponseId = "chatcmpl-Fx02bbbbbbbbbbbbbbbbbbbbbbbb", Input = 516, CacheRead = 1024, Output = 12, ServiceTier = "default" }
        },
        {
            "openai-chat.sse", "\"choices\":[],", "openai", "/v1/chat/completions", Sse,
            new UsageSnapshot { UsageFound = false, Completed = false, Model = "gpt-4.1-2025-04-14", ResponseId = "chatcmpl-Fx02bbbbbbbbbbbbbbbbbbbbbbbb", ServiceTier = "default" }
        },
        {
            "openai-chat.json", "\"service_tier\"", "openai", "/v1/chat/completions", Json,
            new UsageSnapshot { Completed = false, Model = "gpt-4.1-2025-04-14", ResponseId = "chatcmpl-Fx01aaaaaaaaaaaaaaaaaaaaaaaa", Input = 516, CacheRead = 1024, Output = 12 }
        },
        {
            "openai-responses.sse", "event: response.completed", "openai", "/v1/responses", Sse,
            new UsageSnapshot { UsageFound = false, Completed = false, Model = "o4-mini-2025-04-16", ResponseId = "resp_fx0001", ServiceTier = "default" }
        },
        {
            "anthropic-messages.sse", "event: message_stop", "anthropic", "/v1/messages", Sse,
            new UsageSnapshot { Completed = false, Model = "claude-sonnet-4-5-20250929", ResponseId = "msg_01FxCCCCCCCCCCCCCCCCCCCC", Input = 12, CacheRead = 10240, CacheWrite1h = 2048, Output = 11, ServiceTier = "standard" }
        },
        {
            "anthropic-messages.sse", "event: message_delta", "anthropic", "/v1/messages", Sse,
            new UsageSnapshot { Completed = false, Model = "claude-sonnet-4-5-20250929", ResponseId = "msg_01FxCCCCCCCCCCCCCCCCCCCC", Input = 12, CacheRead = 10240, CacheWrite1h = 2048, Output = 1, ServiceTier = "standard" }
        },
        {
            "gemini-stream.sse", "\"finishReason\"", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Sse,
            new UsageSnapshot { Completed = false, Model = "gemini-2.5-flash", ResponseId = "FxStrResp0001", Input = 4200 }
        },
        {
            "gemini-stream-array.json", "\"finishReason\"", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", Json,
            new UsageSnapshot { Completed = false, Model = "gemini-2.5-flash", ResponseId = "FxStrResp0001", Input = 4200 }
        },
        {
            "groq-chat.sse", "data: [DONE]", "groq", "/v1/chat/completions", Sse,
            new UsageSnapshot { Completed = false, Model = "llama-3.3-70b-versatile", ResponseId = "chatcmpl-fx-groq-0001", Input = 40, Output = 3 }
        },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Complete_StreamCutBeforeItsEnd_IsNotCompletedAndKeepsUsageSeenSoFar(string fixture, string cutBefore, string provider, string path, string contentType, UsageSnapshot expected)
    {
        var text = Encoding.UTF8.GetString(ExtractorRun.Fixture(fixture));
        var cut = Encoding.UTF8.GetBytes(text[..text.LastIndexOf(cutBefore, StringComparison.Ordinal)]);

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var actual = ExtractorRun.Run(ExtractorRun.Create(provider, path, contentType), cut, chunking);

            Assert.Equal(expected, actual);
        }
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "openai", "/v1/chat/completions", Json },
        { "openai", "/v1/chat/completions", Sse },
        { "openai", "/v1/responses", Sse },
        { "openai", "/v1/images/generations", Json },
        { "anthropic", "/v1/messages", Sse },
        { "anthropic", "/v1/messages", Json },
        { "google", "/v1beta/models/gemini-2.5-flash:generateContent", Json },
        { "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", Json },
        { "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Sse },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Complete_GarbageInput_FindsNoUsageAndDoesNotThrow(string provider, string path, string contentType)
    {
        var random = new Random(ExtractorRun.Seed);
        var noise = new byte[64 * 1024];
        random.NextBytes(noise);
        string[] texts =
        [
            "<html><body>502 Bad Gateway</body></html>",
            "data: {\"usage\": {\"prompt_tokens\": \"twelve\"\n\n",
            "data: {not json}\n\ndata: ]]]\n\n",
            "{\"usage\":{\"prompt_tokens\":1,,}}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        ];

        var noiseUsage = ExtractorRun.Run(ExtractorRun.Create(provider, path, contentType), noise, Chunking.Random);
        Assert.False(noiseUsage.UsageFound);
        foreach (var text in texts)
        {
            foreach (var chunking in ExtractorRun.AllChunkings)
                Assert.False(ExtractorRun.Run(ExtractorRun.Create(provider, path, contentType), text, chunking).UsageFound);
        }
    }

    [Fact]
    public void Complete_SseEventOverTheCap_IsSkippedAndCountedWhileLaterUsageIsRead()
    {
        var extractor = ExtractorRun.Create("openai", "/v1/chat/completions", Sse);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        extractor.Append("data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\""u8);
        extractor.Append(chunk);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 64; i++)
            extractor.Append(chunk);
        extractor.Append("\"}}]}\n\ndata: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2000000,\"total_tokens\":2000003}}\n\ndata: [DONE]\n\n"u8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var observation = extractor.Complete();

        Assert.Equal(new UsageSnapshot { Model = "gpt-4o", ResponseId = "c", Input = 3, Output = 2000000 }, UsageSnapshot.Of(observation));
        Assert.Equal(1, observation.SkippedOversized);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated} bytes for a 4 MiB event");
    }

    [Fact]
    public void Complete_MultiMegabyteJsonAroundUsage_ParsesUsageWithMemoryFarBelowBodySize()
    {
        var extractor = ExtractorRun.Create("openai", "/v1/images/generations", Json);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'Q');
        extractor.Append("{\"created\":1,\"data\":[{\"b64_json\":\""u8);
        extractor.Append(chunk);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 80; i++)
            extractor.Append(chunk);
        extractor.Append("\"}],\"usage\":{\"input_tokens\":50,\"output_tokens\":4160,\"total_tokens\":4210,\"input_tokens_details\":{\"text_tokens\":50}},\"revised_prompt\":\""u8);
        for (var i = 0; i < 80; i++)
            extractor.Append(chunk);
        extractor.Append("\"}"u8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var observation = extractor.Complete();

        Assert.Equal(new UsageSnapshot { Input = 50, ImageOut = 4160 }, UsageSnapshot.Of(observation));
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a 10 MiB body");
    }

    [Fact]
    public void Complete_CalledTwice_ReturnsTheSameObservation()
    {
        var extractor = ExtractorRun.Create("openai", "/v1/chat/completions", Json);
        extractor.Append(ExtractorRun.Fixture("openai-chat.json"));

        var first = extractor.Complete();
        extractor.Append("garbage"u8);
        var second = extractor.Complete();

        Assert.Same(first, second);
    }
}
