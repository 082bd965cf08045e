namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Usage of the OpenAI Responses API (also served by xAI, Groq, Fireworks and OpenRouter): <c>usage</c> in the JSON
/// body, or <c>response.usage</c> in the terminal SSE event (<c>response.completed</c>, <c>response.incomplete</c>,
/// <c>response.failed</c>). No opt-in is needed and earlier events carry <c>usage: null</c>.
/// </summary>
/// <remarks>
/// Built-in web searches are counted from the <c>web_search_call</c> items of the final <c>output</c> array; only
/// each item's <c>type</c> is captured, the items themselves (and the answer text) are skipped. Other tool calls
/// (file search, code interpreter, image generation) have no counter in <see cref="UsageObservation"/> yet.
/// </remarks>
internal sealed class ResponsesUsageExtractor(BodyFraming framing) : FramedUsageExtractor(Fields, framing)
{
    private static readonly JsonFieldSet Fields = new(
        "usage", "model", "id", "service_tier", "output[].type",
        "response.usage", "response.model", "response.id", "response.service_tier", "response.output[].type",
        "type");

    private int documentWebSearches;
    private bool terminalEventSeen;

    protected override bool IsCompleted => Framing == BodyFraming.EventStream ? terminalEventSeen : BodyComplete;

    protected override void OnField(int field, ReadOnlySpan<byte> json)
    {
        switch (field)
        {
            case 0 or 5 when OpenAiUsage.TryRead(json, out var usage):
                OpenAiUsageMapper.Apply(usage, Observation, outputIsImage: false);
                break;
            case 1 or 6:
                ReadModel(json);
                break;
            case 2 or 7:
                ReadResponseId(json);
                break;
            case 3 or 8:
                Observation.ServiceTier = JsonValues.ReadKnownString(json, JsonValues.ServiceTiers) ?? Observation.ServiceTier;
                break;
            case 4 or 9 when JsonValues.IsString(json, "web_search_call"u8):
                documentWebSearches++;
                break;
            case 10:
                terminalEventSeen |= JsonValues.IsString(json, "response.completed"u8)
                    || JsonValues.IsString(json, "response.incomplete"u8)
                    || JsonValues.IsString(json, "response.failed"u8);
                break;
        }
    }

    // The output array only grows, and the terminal event repeats it whole, so the last non-empty count wins.
    protected override void OnDocumentEnd()
    {
        if (documentWebSearches > 0)
            Observation.Tokens.WebSearchRequests = documentWebSearches;
        documentWebSearches = 0;
    }

    protected override void OnComplete() => OnDocumentEnd();
}
