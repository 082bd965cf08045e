using System.Text.Json;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// The most output a request allows, as its body says: <c>max_tokens</c> (Anthropic, OpenAI chat, most compatible
/// APIs), <c>max_completion_tokens</c> (OpenAI chat), <c>max_output_tokens</c> (OpenAI Responses) or Gemini's
/// <c>generationConfig.maxOutputTokens</c>. Null when the body is not JSON or names none.
/// </summary>
internal static class OutputTokenLimit
{
    public static long? Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            long? limit = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8) || reader.ValueTextEquals("max_output_tokens"u8))
                {
                    reader.Read();
                    limit = Larger(limit, Number(ref reader));
                }
                else if (reader.ValueTextEquals("generationConfig"u8) || reader.ValueTextEquals("generation_config"u8))
                {
                    reader.Read();
                    limit = Larger(limit, GenerationConfigLimit(ref reader));
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            return limit;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? GenerationConfigLimit(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        long? limit = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var named = reader.ValueTextEquals("maxOutputTokens"u8) || reader.ValueTextEquals("max_output_tokens"u8);
            reader.Read();
            if (named)
                limit = Number(ref reader);
            else
                reader.Skip();
        }
        return limit;
    }

    private static long? Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value > 0)
            return value;
        reader.Skip();
        return null;
    }

    // Two names in one body (max_tokens and max_completion_tokens): the provider honours one, the larger is the safe bound.
    private static long? Larger(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
