using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors.Gemini;

/// <summary>
/// The counters of a Gemini <c>usageMetadata</c> object, including the modality parts that are priced apart:
/// audio input (<c>promptTokensDetails</c> and <c>cacheTokensDetails</c>) and image or audio output
/// (<c>candidatesTokensDetails</c>).
/// </summary>
internal struct GeminiUsage
{
    public long PromptTokenCount;
    public long CandidatesTokenCount;
    public long TotalTokenCount;
    public long CachedContentTokenCount;
    public long ThoughtsTokenCount;
    public long ToolUsePromptTokenCount;
    public long PromptAudioTokens;
    public long CachedAudioTokens;
    public long CandidatesImageTokens;
    public long CandidatesAudioTokens;

    private enum Details : byte { Prompt, Cache, Candidates }

    /// <summary>Reads a captured <c>usageMetadata</c> value; false for <c>null</c> and non-objects.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out GeminiUsage usage)
    {
        usage = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("promptTokenCount"u8))
                usage.PromptTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
                usage.CandidatesTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("totalTokenCount"u8))
                usage.TotalTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
                usage.CachedContentTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
                usage.ThoughtsTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
                usage.ToolUsePromptTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("promptTokensDetails"u8))
                ReadDetails(ref reader, ref usage, Details.Prompt);
            else if (reader.ValueTextEquals("cacheTokensDetails"u8))
                ReadDetails(ref reader, ref usage, Details.Cache);
            else if (reader.ValueTextEquals("candidatesTokensDetails"u8))
                ReadDetails(ref reader, ref usage, Details.Candidates);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    // [{ "modality": "TEXT" | "IMAGE" | "AUDIO" | "VIDEO" | "DOCUMENT", "tokenCount": n }], keys in any order.
    private static void ReadDetails(ref Utf8JsonReader reader, ref GeminiUsage usage, Details details)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            bool audio = false, image = false;
            long count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("modality"u8))
                {
                    reader.Read();
                    audio = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("AUDIO"u8);
                    image = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("IMAGE"u8);
                }
                else if (reader.ValueTextEquals("tokenCount"u8))
                {
                    count = ReadLong(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (details == Details.Prompt && audio)
                usage.PromptAudioTokens += count;
            else if (details == Details.Cache && audio)
                usage.CachedAudioTokens += count;
            else if (details == Details.Candidates && audio)
                usage.CandidatesAudioTokens += count;
            else if (details == Details.Candidates && image)
                usage.CandidatesImageTokens += count;
        }
    }

    private static long ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.ReadLong(ref reader) ?? 0;
    }
}
