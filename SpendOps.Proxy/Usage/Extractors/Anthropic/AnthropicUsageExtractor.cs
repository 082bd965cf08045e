using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage.Extractors.Anthropic;

/// <summary>
/// Usage of the Anthropic Messages API (and the Anthropic-compatible surfaces of DeepSeek, xAI and others): the
/// top-level <c>usage</c> of a JSON body, or <c>message_start.message.usage</c> merged with every later
/// <c>message_delta.usage</c> in a stream (see <see cref="AnthropicUsage.Merge"/>).
/// </summary>
/// <remarks>
/// <para><c>input_tokens</c> already excludes cache reads and writes, so it maps to uncached input as is.
/// Thinking tokens are inside <c>output_tokens</c> and not reported apart, so <see cref="TokenCounts.ReasoningTokens"/>
/// stays 0.</para>
/// <para>Cache writes: the TTL split comes from <c>cache_creation</c>; without it every write is a 5-minute write.
/// If a later event updates the total but not the split, the 1-hour part is kept and the rest is 5-minute.</para>
/// <para>A stream ends normally with <c>message_stop</c>; an <c>error</c> event (e.g. <c>overloaded_error</c>)
/// means it did not, whatever follows.</para>
/// </remarks>
internal sealed class AnthropicUsageExtractor(BodyFraming framing) : FramedUsageExtractor(Fields, framing)
{
    private static readonly JsonFieldSet Fields = new(
        "usage", "model", "id", "message.usage", "message.model", "message.id", "type");

    private AnthropicUsage merged;
    private bool found;
    private bool stopped;
    private bool errored;

    protected override bool IsCompleted => Framing == BodyFraming.EventStream ? stopped && !errored : BodyComplete;

    protected override void OnField(int field, ReadOnlySpan<byte> json)
    {
        switch (field)
        {
            case 0 or 3 when AnthropicUsage.TryRead(json, out var usage):
                merged.Merge(usage);
                found = true;
                break;
            case 1 or 4:
                ReadModel(json);
                break;
            case 2 or 5:
                ReadResponseId(json);
                break;
            case 6:
                stopped |= JsonValues.IsString(json, "message_stop"u8);
                errored |= JsonValues.IsString(json, "error"u8);
                break;
        }
    }

    protected override void OnComplete()
    {
        if (!found)
            return;
        Observation.UsageFound = true;
        var o = Observation.Tokens;
        o.InputTokens = merged.InputTokens ?? 0;
        o.CacheReadTokens = merged.CacheReadInputTokens ?? 0;
        o.CacheWrite1hTokens = merged.Ephemeral1hInputTokens ?? 0;
        o.CacheWrite5mTokens = merged.CacheCreationInputTokens is { } total
            ? Math.Max(0, total - o.CacheWrite1hTokens)
            : merged.Ephemeral5mInputTokens ?? 0;
        o.OutputTokens = merged.OutputTokens ?? 0;
        o.WebSearchRequests = (int)Math.Clamp(merged.WebSearchRequests ?? 0, 0, int.MaxValue);
        Observation.ServiceTier = merged.ServiceTier;
    }
}
