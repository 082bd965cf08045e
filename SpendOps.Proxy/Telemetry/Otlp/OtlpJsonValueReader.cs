using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>Reads an OTLP JSON <c>AnyValue</c> (<c>{"stringValue": …}</c>, <c>{"intValue": …}</c>, …) leniently.</summary>
internal static class OtlpJsonValueReader
{
    /// <summary>An <c>AnyValue</c>; a field of the wrong JSON type gives an empty value rather than an error.</summary>
    public static OtlpValue Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            return OtlpValue.Empty;
        if (JsonFields.TryGet(value, "stringvalue", out var s))
            return JsonFields.AsString(s) is { } text ? OtlpValue.FromString(text) : OtlpValue.Empty;
        if (JsonFields.TryGet(value, "intvalue", out var i))
            return JsonFields.Int64(i) is { } number ? new OtlpValue { Kind = OtlpValueKind.Int, Int = number } : OtlpValue.Empty;
        if (JsonFields.TryGet(value, "doublevalue", out var d))
            return JsonFields.Double(d) is { } real ? new OtlpValue { Kind = OtlpValueKind.Double, Double = real } : OtlpValue.Empty;
        if (JsonFields.TryGet(value, "boolvalue", out var b))
        {
            return b.ValueKind switch
            {
                JsonValueKind.True => new OtlpValue { Kind = OtlpValueKind.Bool, Bool = true },
                JsonValueKind.False => new OtlpValue { Kind = OtlpValueKind.Bool, Bool = false },
                JsonValueKind.String when bool.TryParse(b.GetString(), out var parsed) => new OtlpValue { Kind = OtlpValueKind.Bool, Bool = parsed },
                _ => OtlpValue.Empty,
            };
        }
        if (JsonFields.TryGet(value, "arrayvalue", out var array) && array.ValueKind == JsonValueKind.Object)
        {
            var values = new List<OtlpValue>();
            if (JsonFields.TryGet(array, "values", out var items) && items.ValueKind == JsonValueKind.Array)
                values.AddRange(items.EnumerateArray().Select(Read));
            return new OtlpValue { Kind = OtlpValueKind.Array, Array = values };
        }
        if (JsonFields.TryGet(value, "kvlistvalue", out var list) && list.ValueKind == JsonValueKind.Object)
        {
            var entries = new OtlpAttributes();
            if (JsonFields.TryGet(list, "values", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in items.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && JsonFields.String(entry, "key") is { } key)
                        entries.Add(new(key, JsonFields.TryGet(entry, "value", out var v) ? Read(v) : OtlpValue.Empty));
                }
            }
            return new OtlpValue { Kind = OtlpValueKind.KeyValueList, KeyValueList = entries };
        }
        if (JsonFields.TryGet(value, "bytesvalue", out var bytes) && bytes.ValueKind == JsonValueKind.String && bytes.TryGetBytesFromBase64(out var raw))
            return new OtlpValue { Kind = OtlpValueKind.Bytes, Bytes = raw };
        return OtlpValue.Empty;
    }
}
