using System.Globalization;
using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Lenient field access for OTLP JSON: keys match in lowerCamelCase or snake_case (any case), <c>null</c> means
/// absent, 64-bit integers may be strings or numbers, enums may be numbers or names.
/// </summary>
internal static class JsonFields
{
    /// <summary>Finds a field by its canonical name: lower-case letters without underscores (<c>timeunixnano</c>).</summary>
    public static bool TryGet(JsonElement obj, string canonical, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (NameMatches(property.Name, canonical) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string? String(JsonElement obj, string canonical) =>
        TryGet(obj, canonical, out var value) ? AsString(value) : null;

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>An unsigned 64-bit number (timestamps): string or number; anything else, or a negative, is 0 (absent).</summary>
    public static ulong UInt64(JsonElement obj, string canonical)
    {
        if (!TryGet(obj, canonical, out var value))
            return 0;
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetUInt64(out var n) ? n : 0;
        return value.ValueKind == JsonValueKind.String
            && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
    }

    public static long? Int64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var n))
                return n;
            return value.TryGetDouble(out var d) && Math.Abs(d) < 9e15 && Math.Floor(d) == d ? (long)d : null;
        }
        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>A JSON number, or one of the strings proto3 JSON allows for doubles (<c>"NaN"</c>, <c>"Infinity"</c>, <c>"1.5"</c>).</summary>
    public static double? Double(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetDouble(out var d) ? d : null;
        if (value.ValueKind != JsonValueKind.String)
            return null;
        var text = value.GetString();
        return text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        };
    }

    public static bool Bool(JsonElement obj, string canonical) =>
        TryGet(obj, canonical, out var value)
        && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>An enum as its number, a numeric string, or its name with or without the type prefix, matched by <paramref name="names"/>.</summary>
    public static int Enum(JsonElement obj, string canonical, IReadOnlyDictionary<string, int> names)
    {
        if (!TryGet(obj, canonical, out var value))
            return 0;
        if (Int64(value) is { } number and >= int.MinValue and <= int.MaxValue)
            return (int)number;
        if (value.ValueKind != JsonValueKind.String)
            return 0;
        var name = value.GetString()!.Trim();
        return names.TryGetValue(name, out var mapped) ? mapped : 0;
    }

    private static bool NameMatches(string name, string canonical)
    {
        var j = 0;
        foreach (var c in name)
        {
            if (c == '_')
                continue;
            if (j >= canonical.Length || char.ToLowerInvariant(c) != canonical[j])
                return false;
            j++;
        }
        return j == canonical.Length;
    }
}
