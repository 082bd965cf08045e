using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>Reads an OTLP JSON <c>AnyValue</c> (<c>{"stringValue": …}</c>, <c>{"intValue": …}</c>, …) strictly (see <see cref="JsonFields"/>).</summary>
internal static class OtlpJsonValueReader
{
    /// <summary>An <c>AnyValue</c> at <paramref name="path"/>; <c>{}</c> is the empty value, a field of the wrong type an error.</summary>
    /// <exception cref="OtlpFormatException">The value is not an <c>AnyValue</c> object or one of its fields has the wrong type.</exception>
    public static OtlpValue Read(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw JsonFields.Expected(path, "an AnyValue object such as {\"stringValue\":\"…\"}");
        if (JsonFields.TryGet(value, "stringValue", out var s))
            return OtlpValue.FromString(JsonFields.AsString(s, $"{path}.stringValue"));
        // Claude Desktop sends {"doubleValue":{}} for some numeric attributes of api_request events
        // (https://github.com/anthropics/claude-code/issues/82365). It says "no value", not another number, so it is
        // read as the empty value instead of failing the whole batch; any other non-number is still an error.
        if (IsEmptyNumber(value, "doubleValue") || IsEmptyNumber(value, "intValue"))
            return OtlpValue.Empty;
        if (JsonFields.TryGet(value, "intValue", out var i))
            return new OtlpValue { Kind = OtlpValueKind.Int, Int = JsonFields.Int64(i, $"{path}.intValue") };
        if (JsonFields.TryGet(value, "doubleValue", out var d))
            return new OtlpValue { Kind = OtlpValueKind.Double, Double = JsonFields.Double(d, $"{path}.doubleValue") };
        if (JsonFields.TryGet(value, "boolValue", out var b))
            return new OtlpValue { Kind = OtlpValueKind.Bool, Bool = JsonFields.AsBool(b, $"{path}.boolValue") };
        if (JsonFields.TryGet(value, "arrayValue", out var array))
        {
            var values = new List<OtlpValue>();
            var index = 0;
            foreach (var item in Values(array, $"{path}.arrayValue"))
                values.Add(Read(item, $"{path}.arrayValue.values[{index++}]"));
            return new OtlpValue { Kind = OtlpValueKind.Array, Array = values };
        }
        if (JsonFields.TryGet(value, "kvlistValue", out var list))
        {
            var entries = new OtlpAttributes();
            var index = 0;
            foreach (var entry in Values(list, $"{path}.kvlistValue"))
                ReadKeyValue(entry, $"{path}.kvlistValue.values[{index++}]", entries);
            return new OtlpValue { Kind = OtlpValueKind.KeyValueList, KeyValueList = entries };
        }
        if (JsonFields.TryGet(value, "bytesValue", out var bytes))
        {
            return bytes.ValueKind == JsonValueKind.String && bytes.TryGetBytesFromBase64(out var raw)
                ? new OtlpValue { Kind = OtlpValueKind.Bytes, Bytes = raw }
                : throw JsonFields.Expected($"{path}.bytesValue", "a base64 string");
        }
        return OtlpValue.Empty;
    }

    /// <summary>Reads one <c>KeyValue</c> into <paramref name="target"/>; one without a key (proto's default, "") is left out.</summary>
    public static void ReadKeyValue(JsonElement entry, string path, OtlpAttributes target)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw JsonFields.Expected(path, "an object with \"key\" and \"value\"");
        var key = JsonFields.String(entry, "key", path);
        var value = JsonFields.TryGet(entry, "value", out var v) ? Read(v, $"{path}.value") : OtlpValue.Empty;
        if (!string.IsNullOrEmpty(key))
            target.Add(new(key, value));
    }

    private static bool IsEmptyNumber(JsonElement value, string name) =>
        JsonFields.TryGet(value, name, out var number) && number.ValueKind == JsonValueKind.Object && !number.EnumerateObject().Any();

    private static IEnumerable<JsonElement> Values(JsonElement container, string path)
    {
        if (container.ValueKind != JsonValueKind.Object)
            throw JsonFields.Expected(path, "an object with a \"values\" array");
        if (!JsonFields.TryGet(container, "values", out var items))
            return [];
        return items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : throw JsonFields.Expected($"{path}.values", "an array");
    }
}
