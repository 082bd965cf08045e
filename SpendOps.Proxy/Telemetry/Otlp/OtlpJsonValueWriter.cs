using System.Globalization;
using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>Writes OTLP JSON attribute lists and <c>AnyValue</c>s, each value passed through a <see cref="ContentRedaction"/> rule first.</summary>
internal static class OtlpJsonValueWriter
{
    public static void WriteAttributes(Utf8JsonWriter json, string name, OtlpAttributes attributes, Func<string, OtlpValue, OtlpValue> stored)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in attributes)
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WritePropertyName("value");
            WriteValue(json, stored(key, value));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter json, OtlpValue value)
    {
        json.WriteStartObject();
        switch (value.Kind)
        {
            case OtlpValueKind.String:
                json.WriteString("stringValue", value.String);
                break;
            case OtlpValueKind.Bool:
                json.WriteBoolean("boolValue", value.Bool);
                break;
            case OtlpValueKind.Int:
                json.WriteString("intValue", value.Int.ToString(CultureInfo.InvariantCulture));
                break;
            case OtlpValueKind.Double:
                WriteDouble(json, "doubleValue", value.Double);
                break;
            case OtlpValueKind.Array:
                json.WriteStartObject("arrayValue");
                json.WriteStartArray("values");
                foreach (var item in value.Array!)
                    WriteValue(json, item);
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            case OtlpValueKind.KeyValueList:
                json.WriteStartObject("kvlistValue");
                WriteAttributes(json, "values", value.KeyValueList!, static (_, v) => v);
                json.WriteEndObject();
                break;
            case OtlpValueKind.Bytes:
                json.WriteBase64String("bytesValue", value.Bytes);
                break;
        }
        json.WriteEndObject();
    }

    public static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
