using System.Buffers;
using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Recognises the Chat Completions chunk that <c>stream_options.include_usage</c> adds: a <c>data:</c> event whose
/// JSON has a top-level <c>"choices": []</c> and a non-null <c>usage</c>. Cheap byte searches first; the event is
/// parsed only when it has both shapes.
/// </summary>
internal static class InjectedUsageChunk
{
    /// <summary>True when the raw event (lines and line endings, without its blank line) is the injected usage chunk.</summary>
    public static bool Matches(ReadOnlySpan<byte> rawEvent)
    {
        // Every chunk of such a stream has "usage":null and a "choices" key, so look for the shapes themselves.
        if (!HasKeyWith(rawEvent, "\"choices\""u8, (byte)'[', (byte)']') || !HasKeyWith(rawEvent, "\"usage\""u8, (byte)'{'))
            return false;

        var buffer = ArrayPool<byte>.Shared.Rent(rawEvent.Length);
        try
        {
            var length = SseData.Join(rawEvent, buffer);
            return length > 0 && HasEmptyChoicesAndUsage(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // True when some occurrence of the key is followed by ':' and a value starting with `first` (then `second`, if given).
    private static bool HasKeyWith(ReadOnlySpan<byte> text, ReadOnlySpan<byte> quotedKey, byte first, byte second = 0)
    {
        var whitespace = " \t\r\n"u8;
        for (var at = text.IndexOf(quotedKey); at >= 0; at = text.IndexOf(quotedKey))
        {
            var rest = text[(at + quotedKey.Length)..].TrimStart(whitespace);
            text = text[(at + 1)..];
            if (rest.IsEmpty || rest[0] != (byte)':')
                continue;
            rest = rest[1..].TrimStart(whitespace);
            if (rest.IsEmpty || rest[0] != first)
                continue;
            if (second == 0)
                return true;
            rest = rest[1..].TrimStart(whitespace);
            if (!rest.IsEmpty && rest[0] == second)
                return true;
        }

        return false;
    }

    private static bool HasEmptyChoicesAndUsage(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            bool emptyChoices = false, usage = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isChoices = reader.ValueTextEquals("choices"u8);
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isChoices)
                    emptyChoices = reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
                else if (isUsage)
                    usage = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
            }

            return emptyChoices && usage && reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
