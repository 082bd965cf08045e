using System.Runtime.CompilerServices;

namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Usage of OpenAI-shaped endpoints that report a top-level <c>usage</c>: Chat Completions (OpenAI and the 11
/// compatible providers), legacy completions, embeddings, images and audio transcriptions, as a JSON body or as
/// SSE chunks.
/// </summary>
/// <remarks>
/// <para>Streams: the last chunk with a non-null <c>usage</c> wins. That covers OpenAI's final empty-choices chunk
/// (sent only with <c>stream_options.include_usage</c>), OpenRouter, Mistral and Fireworks (usage on the last
/// chunk without opt-in), and xAI and Perplexity (cumulative usage on every chunk). Usage is never summed.</para>
/// <para>Groq puts streamed usage in <c>x_groq.usage</c>, and adds a top-level <c>usage</c> only with the opt-in;
/// the top-level one is preferred within a chunk.</para>
/// <para>A stream ends normally with <c>data: [DONE]</c>; streamed transcriptions and images end with a
/// <c>transcript.text.done</c> / <c>image_generation.completed</c> / <c>image_edit.completed</c> event instead.</para>
/// </remarks>
internal sealed class OpenAiUsageExtractor(BodyFraming framing, bool outputIsImage = false) : FramedUsageExtractor(Fields, framing)
{
    private const int UsageField = 0;
    private const int ModelField = 1;
    private const int IdField = 2;
    private const int ServiceTierField = 3;
    private const int GroqUsageField = 4;
    private const int TypeField = 5;

    private static readonly JsonFieldSet Fields = new("usage", "model", "id", "service_tier", "x_groq.usage", "type");

    // Out of line: the struct is about 300 bytes, and only Groq's responses carry this usage.
    private StrongBox<OpenAiUsage>? groqUsage;
    private bool documentHasGroqUsage;
    private bool documentHasUsage;
    private bool terminalEventSeen;

    protected override bool IsCompleted => Framing == BodyFraming.EventStream ? StreamDone || terminalEventSeen : BodyComplete;

    protected override void OnField(int field, ReadOnlySpan<byte> json)
    {
        switch (field)
        {
            case UsageField when OpenAiUsage.TryRead(json, out var usage):
                OpenAiUsageMapper.Apply(usage, Observation, outputIsImage);
                documentHasUsage = true;
                break;
            case ModelField:
                ReadModel(json);
                break;
            case IdField:
                ReadResponseId(json);
                break;
            case ServiceTierField:
                Observation.ServiceTier = JsonValues.ReadKnownString(json, JsonValues.ServiceTiers) ?? Observation.ServiceTier;
                break;
            case GroqUsageField:
                groqUsage ??= new StrongBox<OpenAiUsage>();
                documentHasGroqUsage = OpenAiUsage.TryRead(json, out groqUsage.Value);
                break;
            case TypeField:
                terminalEventSeen |= JsonValues.IsString(json, "transcript.text.done"u8)
                    || JsonValues.IsString(json, "image_generation.completed"u8)
                    || JsonValues.IsString(json, "image_edit.completed"u8);
                break;
        }
    }

    protected override void OnDocumentEnd()
    {
        if (documentHasGroqUsage && !documentHasUsage)
            OpenAiUsageMapper.Apply(groqUsage!.Value, Observation, outputIsImage);
        documentHasGroqUsage = false;
        documentHasUsage = false;
    }
}
