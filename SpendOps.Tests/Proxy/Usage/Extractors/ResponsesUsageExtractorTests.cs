namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class ResponsesUsageExtractorTests
{
    private const string UsageJson = "{\"input_tokens\":300,\"input_tokens_details\":{\"cached_tokens\":100},\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":350}";

    private const string Output = "[{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\",\"action\":{\"type\":\"search\",\"query\":\"a\"}}," +
        "{\"type\":\"web_search_call\",\"id\":\"ws_2\",\"status\":\"completed\"}," +
        "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"see web_search_call\"}]}]";

    [Fact]
    public void Complete_JsonWithWebSearchCalls_CountsThem()
    {
        var body = "{\"id\":\"resp_1\",\"model\":\"gpt-4.1\",\"output\":" + Output + ",\"service_tier\":\"flex\",\"usage\":" + UsageJson + "}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/responses", "application/json"), body);

        Assert.Equal(
            new UsageSnapshot { Model = "gpt-4.1", ResponseId = "resp_1", Input = 200, CacheRead = 100, Output = 50, WebSearches = 2, ServiceTier = "flex" },
            usage);
    }

    [Fact]
    public void Complete_StreamWithWebSearchItems_CountsThemOnceFromTheFinalOutput()
    {
        var body =
            "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-4.1\",\"output\":[],\"usage\":null,\"service_tier\":\"auto\"}}\n\n" +
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"item\":{\"type\":\"web_search_call\",\"id\":\"ws_1\"}}\n\n" +
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"item\":{\"type\":\"web_search_call\",\"id\":\"ws_2\"}}\n\n" +
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-4.1\",\"output\":" + Output +
            ",\"usage\":" + UsageJson + ",\"service_tier\":\"default\"}}\n\n";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/responses", "text/event-stream"), body, chunking);

            Assert.Equal(
                new UsageSnapshot { Model = "gpt-4.1", ResponseId = "resp_1", Input = 200, CacheRead = 100, Output = 50, WebSearches = 2, ServiceTier = "default" },
                usage);
        }
    }

    [Theory]
    [InlineData("response.incomplete")]
    [InlineData("response.failed")]
    public void Complete_IncompleteOrFailedTerminalEvent_IsCompletedWithItsUsage(string type)
    {
        var body = "data: {\"type\":\"" + type + "\",\"response\":{\"id\":\"resp_2\",\"model\":\"o3\",\"usage\":" + UsageJson + "}}\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("xai", "/v1/responses", "text/event-stream"), body);

        Assert.Equal(new UsageSnapshot { Model = "o3", ResponseId = "resp_2", Input = 200, CacheRead = 100, Output = 50 }, usage);
    }

    [Fact]
    public void Complete_ErrorEventWithoutTerminalEvent_IsNotCompleted()
    {
        const string body = "data: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_3\",\"model\":\"o3\",\"usage\":null}}\n\n" +
            "data: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"boom\"}\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/responses", "text/event-stream"), body);

        Assert.Equal(new UsageSnapshot { UsageFound = false, Completed = false, Model = "o3", ResponseId = "resp_3" }, usage);
    }
}
