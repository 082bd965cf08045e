namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>Where an endpoint reports usage, which picks the extractor.</summary>
internal enum UsageFormat
{
    /// <summary>No usage in the response (binary audio, model lists, free calls) or none we can read.</summary>
    None = 0,

    /// <summary>Top-level OpenAI-shaped <c>usage</c>: chat and legacy completions, embeddings, transcriptions.</summary>
    OpenAi = 1,

    /// <summary>Like <see cref="OpenAi"/>, but output tokens are image tokens (<c>gpt-image-1</c>).</summary>
    OpenAiImages = 2,

    /// <summary>OpenAI Responses API: <c>usage</c> or <c>response.usage</c>.</summary>
    OpenAiResponses = 3,

    /// <summary>Anthropic Messages API.</summary>
    Anthropic = 4,

    /// <summary>Gemini API <c>usageMetadata</c>.</summary>
    Gemini = 5,
}
