namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>
/// The "no token counted twice" rules of providers.md §0.5 as tables: every expected number is written out, and the
/// streamed and non-streamed forms of the same usage must give the same observation.
/// </summary>
public sealed class NoDoubleCountingTests
{
    [Theory]
    [InlineData(1540, 1024, 12, 0, 1552, 516, 12)]
    [InlineData(2000, 0, 300, 200, 2300, 2000, 300)]
    [InlineData(2000, 2000, 300, 200, 2300, 0, 300)]
    [InlineData(10, 4, 5, 20, 35, 6, 25)]
    [InlineData(5, 9, 1, 0, 6, 0, 1)]
    public void Complete_OpenAiChatUsage_NeverCountsCachedTokensAsInputAndReasoningOnce(
        long prompt, long cached, long completion, long reasoning, long total, long expectedInput, long expectedOutput)
    {
        var usage = $"{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{total}," +
            $"\"prompt_tokens_details\":{{\"cached_tokens\":{cached}}},\"completion_tokens_details\":{{\"reasoning_tokens\":{reasoning}}}}}";
        var json = $"{{\"id\":\"c\",\"model\":\"m\",\"choices\":[{{\"message\":{{\"content\":\"x\"}}}}],\"usage\":{usage}}}";
        var sse = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\n\n" +
            $"data: {{\"id\":\"c\",\"model\":\"m\",\"choices\":[],\"usage\":{usage}}}\n\ndata: [DONE]\n\n";
        var expected = new UsageSnapshot { Model = "m", ResponseId = "c", Input = expectedInput, CacheRead = cached, Output = expectedOutput, Reasoning = reasoning };

        var fromJson = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/chat/completions", "application/json"), json);
        var fromSse = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/chat/completions", "text/event-stream"), sse, Chunking.OneByte);

        Assert.Equal(expected, fromJson);
        Assert.Equal(fromJson, fromSse);
    }

    [Theory]
    [InlineData(2100, 1920, 150, 128, 180)]
    [InlineData(500, 0, 40, 0, 500)]
    public void Complete_ResponsesUsage_IsTheSameStreamedAndNot(long input, long cached, long output, long reasoning, long expectedInput)
    {
        var usage = $"{{\"input_tokens\":{input},\"input_tokens_details\":{{\"cached_tokens\":{cached}}},\"output_tokens\":{output}," +
            $"\"output_tokens_details\":{{\"reasoning_tokens\":{reasoning}}},\"total_tokens\":{input + output}}}";
        var json = $"{{\"id\":\"r\",\"model\":\"m\",\"output\":[],\"usage\":{usage}}}";
        var sse = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"model\":\"m\",\"usage\":null}}\n\n" +
            $"event: response.completed\ndata: {{\"type\":\"response.completed\",\"response\":{{\"id\":\"r\",\"model\":\"m\",\"output\":[],\"usage\":{usage}}}}}\n\n";
        var expected = new UsageSnapshot { Model = "m", ResponseId = "r", Input = expectedInput, CacheRead = cached, Output = output, Reasoning = reasoning };

        var fromJson = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/responses", "application/json"), json);
        var fromSse = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/responses", "text/event-stream"), sse, Chunking.OneByte);

        Assert.Equal(expected, fromJson);
        Assert.Equal(fromJson, fromSse);
    }

    [Theory]
    [InlineData(12, 10240, 2048, 11)]
    [InlineData(6210, 0, 0, 48)]
    [InlineData(0, 90000, 5000, 1200)]
    public void Complete_AnthropicUsage_NeverPutsCacheTokensInInput(long input, long cacheRead, long cacheWrite, long output)
    {
        var usage = $"{{\"input_tokens\":{input},\"cache_creation_input_tokens\":{cacheWrite},\"cache_read_input_tokens\":{cacheRead},\"output_tokens\":{output}}}";
        var json = $"{{\"id\":\"msg\",\"type\":\"message\",\"model\":\"claude\",\"content\":[{{\"type\":\"text\",\"text\":\"x\"}}],\"usage\":{usage}}}";
        var sse = $"event: message_start\ndata: {{\"type\":\"message_start\",\"message\":{{\"id\":\"msg\",\"model\":\"claude\",\"usage\":{{\"input_tokens\":{input}," +
            $"\"cache_creation_input_tokens\":{cacheWrite},\"cache_read_input_tokens\":{cacheRead},\"output_tokens\":1}}}}}}\n\n" +
            $"event: message_delta\ndata: {{\"type\":\"message_delta\",\"delta\":{{}},\"usage\":{{\"output_tokens\":{output}}}}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        var expected = new UsageSnapshot { Model = "claude", ResponseId = "msg", Input = input, CacheRead = cacheRead, CacheWrite5m = cacheWrite, Output = output };

        var fromJson = ExtractorRun.Run(ExtractorRun.Create("anthropic", "/v1/messages", "application/json"), json);
        var fromSse = ExtractorRun.Run(ExtractorRun.Create("anthropic", "/v1/messages", "text/event-stream"), sse, Chunking.OneByte);

        Assert.Equal(expected, fromJson);
        Assert.Equal(fromJson, fromSse);
    }

    [Theory]
    [InlineData(4200, 4096, 10, 200, 0, 104, 210)]
    [InlineData(1000, 0, 50, 0, 0, 1000, 50)]
    [InlineData(1000, 100, 50, 500, 30, 930, 550)]
    public void Complete_GeminiUsage_AddsThoughtsToOutputOnceInEveryFraming(
        long prompt, long cached, long candidates, long thoughts, long toolUse, long expectedInput, long expectedOutput)
    {
        var usage = $"{{\"promptTokenCount\":{prompt},\"candidatesTokenCount\":{candidates},\"totalTokenCount\":{prompt + candidates + thoughts + toolUse}," +
            $"\"cachedContentTokenCount\":{cached},\"thoughtsTokenCount\":{thoughts},\"toolUsePromptTokenCount\":{toolUse}}}";
        var first = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"usageMetadata\":{\"promptTokenCount\":" + prompt + "},\"modelVersion\":\"g\",\"responseId\":\"r\"}";
        var last = $"{{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":\"b\"}}]}},\"finishReason\":\"STOP\"}}],\"usageMetadata\":{usage},\"modelVersion\":\"g\",\"responseId\":\"r\"}}";
        var expected = new UsageSnapshot { Model = "g", ResponseId = "r", Input = expectedInput, CacheRead = cached, Output = expectedOutput, Reasoning = thoughts };
        const string path = "/v1beta/models/g:streamGenerateContent";

        var fromJson = ExtractorRun.Run(ExtractorRun.Create("google", "/v1beta/models/g:generateContent", "application/json"), last);
        var fromSse = ExtractorRun.Run(ExtractorRun.Create("google", path + "?alt=sse", "text/event-stream"), $"data: {first}\r\n\r\ndata: {last}\r\n\r\n", Chunking.OneByte);
        var fromArray = ExtractorRun.Run(ExtractorRun.Create("google", path, "application/json"), $"[{first}\r\n,\r\n{last}]", Chunking.OneByte);

        Assert.Equal(expected, fromJson);
        Assert.Equal(fromJson, fromSse);
        Assert.Equal(fromJson, fromArray);
    }
}
