using System.Globalization;
using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Strict field access for OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): a field of the
/// wrong type is an <see cref="OtlpFormatException"/> naming its JSON path, because a value silently read as
/// something else is lost spend. What proto3 JSON allows stays accepted: lowerCamelCase or the proto's snake_case
/// names, <c>null</c> for absent, 64-bit integers as numbers or decimal strings, enums as numbers (or their names),
/// doubles as numbers or <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>/decimal strings. Unknown fields are ignored, as
/// the spec requires of receivers.
/// </summary>
internal static class JsonFields
{
    /// <summary>Finds a field by its lowerCamelCase name (<c>timeUnixNano</c>), also written <c>time_unix_nano</c>.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (NameMatches(property.Name, name) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string? String(JsonElement obj, string name, string path) =>
        TryGet(obj, name, out var value) ? AsString(value, $"{path}.{name}") : null;

    public static string AsString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(path, "a string");

    /// <summary>A trace or span id: OTLP/JSON writes them as hex, not base64 as plain proto3 JSON would.</summary>
    public static string? HexId(JsonElement obj, string name, string path)
    {
        var text = String(obj, name, path);
        return text is null || text.All(char.IsAsciiHexDigit) ? text : throw Expected($"{path}.{name}", "a hex string");
    }

    /// <summary>A <c>fixed64</c> (timestamps): a non-negative integer or a decimal string; absent is 0.</summary>
    public static ulong UInt64(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
            return 0;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var n))
            return n;
        return value.ValueKind == JsonValueKind.String
            && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Expected($"{path}.{name}", "an unsigned integer or a decimal string");
    }

    /// <summary>A <c>fixed32</c> (flags); absent is 0.</summary>
    public static uint UInt32(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
            return 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var n) ? n : throw Expected($"{path}.{name}", "an unsigned 32-bit integer");
    }

    /// <summary>An <c>int64</c>/<c>sfixed64</c>: an integral number or a decimal string.</summary>
    public static long Int64(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var n))
                return n;
            if (value.TryGetDouble(out var d) && Math.Abs(d) < 9e15 && Math.Floor(d) == d)
                return (long)d;
        }
        else if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw Expected(path, "an integer or a decimal string");
    }

    /// <summary>A <c>double</c>: a JSON number, or one of the strings proto3 JSON allows (<c>"NaN"</c>, <c>"Infinity"</c>, <c>"1.5"</c>).</summary>
    public static double Double(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d))
            return d;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            switch (text)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                return parsed;
        }
        throw Expected(path, "a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"");
    }

    public static bool Bool(JsonElement obj, string name, string path) =>
        TryGet(obj, name, out var value) && AsBool(value, $"{path}.{name}");

    public static bool AsBool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected(path, "true or false"),
    };

    /// <summary>An enum as its number (what OTLP/JSON writes), a numeric string, or a name known to <paramref name="names"/>; absent is 0.</summary>
    public static int Enum(JsonElement obj, string name, string path, IReadOnlyDictionary<string, int> names)
    {
        if (!TryGet(obj, name, out var value))
            return 0;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            return number;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                return parsed;
            if (names.TryGetValue(text, out var mapped))
                return mapped;
        }
        throw Expected($"{path}.{name}", "an enum number");
    }

    public static OtlpFormatException Expected(string path, string what) => new($"{path}: expected {what}");

    private static bool NameMatches(string property, string name)
    {
        var j = 0;
        foreach (var c in property)
        {
            if (c == '_')
                continue;
            if (j >= name.Length || char.ToLowerInvariant(c) != char.ToLowerInvariant(name[j]))
                return false;
            j++;
        }
        return j == name.Length;
    }
}
