namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class AnthropicUsageExtractorTests
{
    private const string MessageStart =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-opus-4-6\",\"usage\":" +
        "{\"input_tokens\":100,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":50,\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n";

    [Fact]
    public void Complete_SeveralMessageDeltas_OverwritesCumulativeFieldsInsteadOfSumming()
    {
        var body = MessageStart +
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":20}}\n\n" +
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":100,\"output_tokens\":40," +
            "\"server_tool_use\":{\"web_search_requests\":2}}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var usage = ExtractorRun.Run(ExtractorRun.Create("anthropic", "/v1/messages", "text/event-stream"), body, chunking);

            Assert.Equal(
                new UsageSnapshot { Model = "claude-opus-4-6", ResponseId = "msg_1", Input = 100, CacheRead = 50, Output = 40, WebSearches = 2, ServiceTier = "standard" },
                usage);
        }
    }

    [Fact]
    public void Complete_CacheWritesWithoutTtlSplit_AreFiveMinuteWrites()
    {
        const string body = "{\"id\":\"msg_2\",\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":300,\"cache_read_input_tokens\":0,\"output_tokens\":2}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("anthropic", "/v1/messages", "application/json"), body);

        Assert.Equal(new UsageSnapshot { Model = "claude-haiku-4-5", ResponseId = "msg_2", Input = 5, CacheWrite5m = 300, Output = 2 }, usage);
    }

    [Fact]
    public void Complete_ErrorEventAfterMessageStart_KeepsPartialUsageAndIsNotCompleted()
    {
        var body = MessageStart +
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("anthropic", "/v1/messages", "text/event-stream"), body);

        Assert.Equal(
            new UsageSnapshot { Completed = false, Model = "claude-opus-4-6", ResponseId = "msg_1", Input = 100, CacheRead = 50, Output = 1, ServiceTier = "standard" },
            usage);
    }

    [Fact]
    public void Complete_DeepSeekAnthropicSurface_UsesTheAnthropicExtractor()
    {
        const string body = "{\"id\":\"msg_ds\",\"type\":\"message\",\"model\":\"deepseek-chat\",\"content\":[],\"usage\":{\"input_tokens\":30,\"cache_read_input_tokens\":64,\"output_tokens\":9}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("deepseek", "/anthropic/v1/messages", "application/json"), body);

        Assert.Equal(new UsageSnapshot { Model = "deepseek-chat", ResponseId = "msg_ds", Input = 30, CacheRead = 64, Output = 9 }, usage);
    }
}
