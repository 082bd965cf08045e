namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>Provider quirks of OpenAI-shaped usage (providers.md §1, §4–§14). Expected numbers are worked out by hand.</summary>
public sealed class OpenAiUsageExtractorTests
{
    private const string Sse = "text/event-stream";
    private const string Json = "application/json";

    [Fact]
    public void Complete_XaiCumulativeUsageWithReasoningOutsideCompletion_TakesLastChunkAndAddsReasoningOnce()
    {
        // total 35 = prompt 10 + completion 5 + reasoning 20, so reasoning is outside completion_tokens.
        const string body =
            "data: {\"id\":\"x1\",\"model\":\"grok-4\",\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,\"total_tokens\":11}}\n\n" +
            "data: {\"id\":\"x1\",\"model\":\"grok-4\",\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":35," +
            "\"prompt_tokens_details\":{\"text_tokens\":10,\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":20},\"cost_in_usd_ticks\":123456789}}\n\n" +
            "data: [DONE]\n\n";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var usage = ExtractorRun.Run(ExtractorRun.Create("xai", "/v1/chat/completions", Sse), body, chunking);

            Assert.Equal(
                new UsageSnapshot { Model = "grok-4", ResponseId = "x1", Input = 6, CacheRead = 4, Output = 25, Reasoning = 20, ProviderCostUsd = 0.0123456789m },
                usage);
        }
    }

    [Theory]
    [InlineData("\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,\"total_tokens\":43},\"x_groq\":{\"usage\":{\"prompt_tokens\":99,\"completion_tokens\":99}}")]
    [InlineData("\"x_groq\":{\"usage\":{\"prompt_tokens\":99,\"completion_tokens\":99}},\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,\"total_tokens\":43}")]
    public void Complete_GroqChunkWithUsageAndXGroqUsage_PrefersTopLevelUsageInAnyKeyOrder(string fields)
    {
        var body = "data: {\"id\":\"g\",\"model\":\"llama\",\"choices\":[]," + fields + "}\n\ndata: [DONE]\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("groq", "/v1/chat/completions", Sse), body);

        Assert.Equal(new UsageSnapshot { Model = "llama", ResponseId = "g", Input = 40, Output = 3 }, usage);
    }

    [Fact]
    public void Complete_DeepInfraEstimatedCost_IsTheProviderCost()
    {
        const string body = "{\"id\":\"d\",\"model\":\"meta-llama/Llama-3.3-70B-Instruct\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42,\"estimated_cost\":1.23e-05}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("deepinfra", "/v1/openai/chat/completions", Json), body);

        Assert.Equal(new UsageSnapshot { Model = "meta-llama/Llama-3.3-70B-Instruct", ResponseId = "d", Input = 12, Output = 30, ProviderCostUsd = 0.0000123m }, usage);
    }

    [Fact]
    public void Complete_OpenRouterCacheWritesAndImageOutput_AreSeparatedFromInputAndOutput()
    {
        // prompt 3000 = 500 uncached + 1000 read + 1500 written; completion 1300 = 10 text + 1290 image.
        const string body = "data: {\"id\":\"gen-1\",\"model\":\"google/gemini-2.5-flash-image\",\"choices\":[],\"usage\":{\"prompt_tokens\":3000,\"completion_tokens\":1300,\"total_tokens\":4300,\"cost\":0.04," +
            "\"prompt_tokens_details\":{\"cached_tokens\":1000,\"cache_write_tokens\":1500},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"image_tokens\":1290}}}\n\ndata: [DONE]\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openrouter", "/v1/chat/completions", Sse), body);

        Assert.Equal(
            new UsageSnapshot
            {
                Model = "google/gemini-2.5-flash-image", ResponseId = "gen-1", Input = 500, CacheRead = 1000, CacheWrite5m = 1500, Output = 10,
                ImageOut = 1290, ProviderCostUsd = 0.04m,
            },
            usage);
    }

    [Fact]
    public void Complete_AudioChat_KeepsAudioOutOfTextCounters()
    {
        // prompt 100 = 20 text + 20 cached + 60 audio; completion 80 = 10 text + 70 audio.
        const string body = "{\"id\":\"a\",\"model\":\"gpt-4o-audio-preview\",\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":80,\"total_tokens\":180," +
            "\"prompt_tokens_details\":{\"cached_tokens\":20,\"audio_tokens\":60},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":70}}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/chat/completions", Json), body);

        Assert.Equal(new UsageSnapshot { Model = "gpt-4o-audio-preview", ResponseId = "a", Input = 20, CacheRead = 20, AudioIn = 60, Output = 10, AudioOut = 70 }, usage);
    }

    [Fact]
    public void Complete_PerplexityDeepResearch_AddsCitationsToInputAndReasoningToOutput()
    {
        // reasoning 99800 > completion 9830, so it cannot be inside completion_tokens.
        const string body = "{\"id\":\"p\",\"model\":\"sonar-deep-research\",\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":9830,\"total_tokens\":9849," +
            "\"citation_tokens\":20,\"num_search_queries\":18,\"reasoning_tokens\":99800,\"search_context_size\":\"high\"}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("perplexity", "/chat/completions", Json), body);

        Assert.Equal(
            new UsageSnapshot { Model = "sonar-deep-research", ResponseId = "p", Input = 39, Output = 109630, Reasoning = 99800, WebSearches = 18, SearchContextSize = "high" },
            usage);
    }

    [Fact]
    public void Complete_GeminiOpenAiSurfaceWithReasoningInTotalOnly_BillsReasoningAsExtraOutput()
    {
        const string body = "{\"id\":\"o\",\"model\":\"gemini-2.5-flash\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":45,\"completion_tokens_details\":{\"reasoning_tokens\":30}}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("google", "/v1beta/openai/chat/completions", Json), body);

        Assert.Equal(new UsageSnapshot { Model = "gemini-2.5-flash", ResponseId = "o", Input = 10, Output = 35, Reasoning = 30 }, usage);
    }

    [Fact]
    public void Complete_StreamWithoutIncludeUsage_IsCompletedWithoutUsage()
    {
        const string body = "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\ndata: [DONE]\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/chat/completions", Sse), body);

        Assert.Equal(new UsageSnapshot { UsageFound = false, Model = "gpt-4o", ResponseId = "c" }, usage);
    }

    [Fact]
    public void Complete_ErrorChunkInsteadOfDone_IsNotCompleted()
    {
        const string body = "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n" +
            "data: {\"error\":{\"message\":\"server_error\",\"type\":\"server_error\"}}\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/chat/completions", Sse), body);

        Assert.Equal(new UsageSnapshot { UsageFound = false, Completed = false, Model = "gpt-4o", ResponseId = "c" }, usage);
    }

    [Fact]
    public void Complete_GptImageResponse_SplitsTextAndImageTokens()
    {
        const string body = "{\"created\":1,\"data\":[{\"b64_json\":\"iVBORw0KGgo=\"}],\"usage\":{\"total_tokens\":4210,\"input_tokens\":50,\"output_tokens\":4160," +
            "\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/images/generations", Json), body);

        Assert.Equal(new UsageSnapshot { Input = 10, ImageIn = 40, ImageOut = 4160 }, usage);
    }

    [Fact]
    public void Complete_TokenBilledTranscription_CountsAudioInput()
    {
        const string body = "{\"text\":\"hello\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,\"input_token_details\":{\"text_tokens\":0,\"audio_tokens\":14},\"output_tokens\":45,\"total_tokens\":59}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/audio/transcriptions", Json), body);

        Assert.Equal(new UsageSnapshot { AudioIn = 14, Output = 45 }, usage);
    }

    [Fact]
    public void Complete_StreamedTranscription_EndsWithTextDoneEvent()
    {
        const string body = "data: {\"type\":\"transcript.text.delta\",\"delta\":\"hel\"}\n\n" +
            "data: {\"type\":\"transcript.text.done\",\"text\":\"hello\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,\"input_token_details\":{\"audio_tokens\":14},\"output_tokens\":45,\"total_tokens\":59}}\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/audio/transcriptions", Sse), body, Chunking.OneByte);

        Assert.Equal(new UsageSnapshot { AudioIn = 14, Output = 45 }, usage);
    }

    [Fact]
    public void Complete_WhisperDurationUsage_HasNoTokenUsage()
    {
        const string body = "{\"text\":\"hello\",\"usage\":{\"type\":\"duration\",\"seconds\":9}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("openai", "/v1/audio/transcriptions", Json), body);

        Assert.Equal(new UsageSnapshot { UsageFound = false }, usage);
    }

    [Fact]
    public void Complete_FireworksUsageOnFinishChunkWithChoices_IsRead()
    {
        const string body = "data: {\"id\":\"f\",\"model\":\"accounts/fireworks/models/llama-v3p1-8b-instruct\",\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]," +
            "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9,\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\ndata: [DONE]\n\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("fireworks", "/v1/chat/completions", Sse), body, Chunking.Random);

        Assert.Equal(new UsageSnapshot { Model = "accounts/fireworks/models/llama-v3p1-8b-instruct", ResponseId = "f", Input = 7, Output = 2 }, usage);
    }
}
