using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>Lenient readers for the small captured values: a wrong type reads as "absent", never as an error.</summary>
internal static class JsonValues
{
    /// <summary>Service tiers of OpenAI (<c>auto</c>…<c>scale</c>) and Anthropic (<c>standard</c>, <c>batch</c>).</summary>
    public static readonly string[] ServiceTiers = ["default", "auto", "flex", "priority", "scale", "standard", "batch"];

    /// <summary>A JSON string value as text; null for anything else and for the empty string.</summary>
    public static string? ReadString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            return null;
        var text = reader.GetString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>True when <paramref name="json"/> is exactly the string <paramref name="text"/> (no escapes), without decoding it.</summary>
    public static bool IsString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> text) =>
        json.Length == text.Length + 2 && json[0] == (byte)'"' && json[^1] == (byte)'"' && json[1..^1].SequenceEqual(text);

    /// <summary>True when the value is the literal <c>null</c>.</summary>
    public static bool IsNull(ReadOnlySpan<byte> json) => json.SequenceEqual("null"u8);

    /// <summary>Reads the current value as a token count: integers, or numbers with a fraction rounded; null otherwise.</summary>
    public static long? ReadLong(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }

        if (reader.TryGetInt64(out var value))
            return value;
        if (reader.TryGetDouble(out var number) && double.IsFinite(number) && Math.Abs(number) < long.MaxValue)
            return (long)Math.Round(number);
        return null;
    }

    /// <summary>Reads the current value as a decimal amount (accepts exponents such as <c>7.5e-05</c>); null otherwise.</summary>
    public static decimal? ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }

        if (reader.TryGetDecimal(out var value))
            return value;
        if (reader.TryGetDouble(out var number) && double.IsFinite(number) && Math.Abs(number) < 1e20)
            return (decimal)number;
        return null;
    }

    /// <summary>Reads the current string value without allocating for the common values; null for other types.</summary>
    public static string? ReadKnownString(ref Utf8JsonReader reader, ReadOnlySpan<string> known)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        foreach (var candidate in known)
        {
            if (reader.ValueTextEquals(candidate))
                return candidate;
        }

        var text = reader.GetString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A JSON string value, returned as one of <paramref name="known"/> when it matches (no allocation).</summary>
    public static string? ReadKnownString(ReadOnlySpan<byte> json, ReadOnlySpan<string> known)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() ? ReadKnownString(ref reader, known) : null;
    }

    /// <summary>Counts the elements of the current array value; 0 for anything else.</summary>
    public static int CountElements(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return 0;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }

        return count;
    }
}
