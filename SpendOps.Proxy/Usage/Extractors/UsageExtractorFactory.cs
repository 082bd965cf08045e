using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors.Anthropic;
using SpendOps.Proxy.Usage.Extractors.Gemini;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>Creates the extractor for one response, or null when the response cannot carry usage.</summary>
internal static class UsageExtractorFactory
{
    /// <summary>
    /// Picks the extractor from the endpoint's <see cref="EndpointInfo.Format"/> and the body framing from the
    /// response content type: <c>text/event-stream</c> is SSE; a Gemini <c>streamGenerateContent</c> without
    /// <c>alt=sse</c> is a streamed JSON array; a JSON (or missing) content type is one JSON body. Anything else
    /// (audio, plain-text transcripts, HTML error pages) returns null.
    /// </summary>
    /// <param name="endpoint">From <see cref="EndpointClassifier.Classify"/>.</param>
    /// <param name="provider">Reserved for quirks that cannot be recognised from the body; today every provider quirk can be.</param>
    /// <param name="responseContentType">The response <c>Content-Type</c> (media type, parameters allowed), or null.</param>
    public static IUsageExtractor? Create(EndpointInfo endpoint, ProviderInfo provider, string? responseContentType)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (endpoint.Format == UsageFormat.None || Framing(endpoint, responseContentType) is not { } framing)
            return null;

        return endpoint.Format switch
        {
            UsageFormat.OpenAi => new OpenAiUsageExtractor(framing),
            UsageFormat.OpenAiImages => new OpenAiUsageExtractor(framing, outputIsImage: true),
            UsageFormat.OpenAiResponses => new ResponsesUsageExtractor(framing),
            UsageFormat.Anthropic => new AnthropicUsageExtractor(framing),
            UsageFormat.Gemini => new GeminiUsageExtractor(framing),
            _ => null,
        };
    }

    private static BodyFraming? Framing(EndpointInfo endpoint, string? contentType)
    {
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
            mediaType = mediaType[..semicolon];
        mediaType = mediaType.Trim();

        if (mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            return BodyFraming.EventStream;
        if (!mediaType.IsEmpty && !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            return null;
        return endpoint is { Format: UsageFormat.Gemini, Name: "streamGenerateContent" } ? BodyFraming.JsonArray : BodyFraming.Json;
    }
}
