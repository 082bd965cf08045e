namespace SpendOps.Proxy.Usage.Extractors.Gemini;

/// <summary>
/// Usage of the Gemini API (<c>generateContent</c>, <c>streamGenerateContent</c> as SSE or as a streamed JSON
/// array, <c>embedContent</c>, <c>batchEmbedContents</c>): the last <c>usageMetadata</c> wins, since every chunk
/// may repeat it cumulatively and the one with <c>finishReason</c> is final.
/// </summary>
/// <remarks>
/// <para>Mapping (providers.md §0.5, §15): <c>promptTokenCount</c> includes cached content and audio, so uncached
/// input = prompt − cached − uncached audio + <c>toolUsePromptTokenCount</c> (billed at the input rate);
/// <c>thoughtsTokenCount</c> is outside <c>candidatesTokenCount</c>, so output = candidates − image/audio output +
/// thoughts. Audio that was served from the cache is counted once, as a cache read.</para>
/// <para>Grounding: the entries of <c>candidates[].groundingMetadata.webSearchQueries</c> are counted as web
/// searches (last chunk that has them wins). Only that array and <c>finishReason</c> are captured from
/// <c>candidates</c>; the generated content is skipped.</para>
/// <para>A stream ends normally with a chunk that has a <c>finishReason</c>; a JSON body or array when it closes.
/// Embedding responses usually carry no <c>usageMetadata</c>, so their usage stays unknown.</para>
/// </remarks>
internal sealed class GeminiUsageExtractor(BodyFraming framing) : FramedUsageExtractor(Fields, framing)
{
    private static readonly JsonFieldSet Fields = new(
        "usageMetadata", "modelVersion", "responseId",
        "candidates[].finishReason", "candidates[].groundingMetadata.webSearchQueries");

    private GeminiUsage last;
    private bool found;
    private bool finishSeen;
    private int documentWebSearches;
    private bool documentHasGrounding;

    protected override bool IsCompleted => Framing == BodyFraming.EventStream ? finishSeen : BodyComplete;

    protected override void OnField(int field, ReadOnlySpan<byte> json)
    {
        switch (field)
        {
            case 0 when GeminiUsage.TryRead(json, out var usage):
                last = usage;
                found = true;
                break;
            case 1:
                ReadModel(json);
                break;
            case 2:
                ReadResponseId(json);
                break;
            case 3:
                finishSeen |= json.Length > 0 && json[0] == (byte)'"';
                break;
            case 4:
                documentWebSearches += JsonValues.CountElements(json);
                documentHasGrounding = true;
                break;
        }
    }

    protected override void OnDocumentEnd()
    {
        if (documentHasGrounding)
            Observation.Tokens.WebSearchRequests = documentWebSearches;
        documentWebSearches = 0;
        documentHasGrounding = false;
    }

    protected override void OnComplete()
    {
        OnDocumentEnd();
        if (!found)
            return;
        var audioIn = Math.Max(0, last.PromptAudioTokens - last.CachedAudioTokens);
        Observation.UsageFound = true;
        var o = Observation.Tokens;
        o.InputTokens = Math.Max(0, last.PromptTokenCount - last.CachedContentTokenCount - audioIn) + last.ToolUsePromptTokenCount;
        o.CacheReadTokens = last.CachedContentTokenCount;
        o.AudioInputTokens = audioIn;
        o.ImageOutputTokens = last.CandidatesImageTokens;
        o.AudioOutputTokens = last.CandidatesAudioTokens;
        o.OutputTokens = Math.Max(0, last.CandidatesTokenCount - last.CandidatesImageTokens - last.CandidatesAudioTokens)
            + last.ThoughtsTokenCount;
        o.ReasoningTokens = last.ThoughtsTokenCount;
    }
}
