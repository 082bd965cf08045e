using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Writes the decoded model back as OTLP JSON (lowerCamelCase, 64-bit integers as strings): the stored copy of every
/// accepted batch. Only what <see cref="ContentRedaction"/> allows is written as sent; unknown fields of the original
/// are not written at all, so nothing the parser did not look at can be stored.
/// </summary>
internal static class OtlpJsonWriter
{
    // Stored for people to read in the portal (which escapes it for HTML), so <REDACTED> and non-ASCII stay as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(OtlpLogsRequest request, ContentRedaction redaction)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            foreach (var resource in request.ResourceLogs)
            {
                json.WriteStartObject();
                WriteResource(json, resource.Resource, redaction);
                json.WriteStartArray("scopeLogs");
                foreach (var scope in resource.ScopeLogs)
                {
                    json.WriteStartObject();
                    WriteScope(json, scope.Scope, redaction);
                    json.WriteStartArray("logRecords");
                    foreach (var record in scope.LogRecords)
                        WriteLogRecord(json, record, resource.Resource, redaction);
                    json.WriteEndArray();
                    WriteOptional(json, "schemaUrl", redaction.Text(scope.SchemaUrl));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteOptional(json, "schemaUrl", redaction.Text(resource.SchemaUrl));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Write(OtlpMetricsRequest request, ContentRedaction redaction)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceMetrics");
            foreach (var resource in request.ResourceMetrics)
            {
                json.WriteStartObject();
                WriteResource(json, resource.Resource, redaction);
                json.WriteStartArray("scopeMetrics");
                foreach (var scope in resource.ScopeMetrics)
                {
                    json.WriteStartObject();
                    WriteScope(json, scope.Scope, redaction);
                    json.WriteStartArray("metrics");
                    foreach (var metric in scope.Metrics)
                        WriteMetric(json, metric, resource.Resource, redaction);
                    json.WriteEndArray();
                    WriteOptional(json, "schemaUrl", redaction.Text(scope.SchemaUrl));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteOptional(json, "schemaUrl", redaction.Text(resource.SchemaUrl));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteLogRecord(Utf8JsonWriter json, OtlpLogRecord record, OtlpAttributes resource, ContentRedaction redaction)
    {
        json.WriteStartObject();
        json.WriteString("timeUnixNano", record.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
        json.WriteString("observedTimeUnixNano", record.ObservedTimeUnixNano.ToString(CultureInfo.InvariantCulture));
        if (record.SeverityNumber != 0)
            json.WriteNumber("severityNumber", record.SeverityNumber);
        WriteOptional(json, "severityText", redaction.Text(record.SeverityText));
        if (record.Body is not null)
        {
            json.WritePropertyName("body");
            OtlpJsonValueWriter.WriteValue(json, redaction.Body(record.Body));
        }
        OtlpJsonValueWriter.WriteAttributes(json, "attributes", record.Attributes, (key, value) => redaction.RecordAttribute(key, value, resource));
        WriteOptional(json, "eventName", redaction.Text(record.EventName));
        if (record.Flags != 0)
            json.WriteNumber("flags", record.Flags);
        WriteOptional(json, "traceId", redaction.Text(record.TraceId));
        WriteOptional(json, "spanId", redaction.Text(record.SpanId));
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, OtlpMetric metric, OtlpAttributes resource, ContentRedaction redaction)
    {
        json.WriteStartObject();
        json.WriteString("name", redaction.Text(metric.Name));
        WriteOptional(json, "description", redaction.Text(metric.Description));
        WriteOptional(json, "unit", redaction.Text(metric.Unit));
        if (metric.Kind != OtlpMetricKind.Other)
        {
            json.WriteStartObject(metric.Kind == OtlpMetricKind.Sum ? "sum" : "gauge");
            json.WriteStartArray("dataPoints");
            foreach (var point in metric.DataPoints)
            {
                json.WriteStartObject();
                OtlpJsonValueWriter.WriteAttributes(json, "attributes", point.Attributes, (key, value) => redaction.RecordAttribute(key, value, resource));
                json.WriteString("startTimeUnixNano", point.StartTimeUnixNano.ToString(CultureInfo.InvariantCulture));
                json.WriteString("timeUnixNano", point.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
                if (point.AsInt is { } i)
                    json.WriteString("asInt", i.ToString(CultureInfo.InvariantCulture));
                else if (point.AsDouble is { } d)
                    OtlpJsonValueWriter.WriteDouble(json, "asDouble", d);
                if (point.Flags != 0)
                    json.WriteNumber("flags", point.Flags);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (metric.Kind == OtlpMetricKind.Sum)
            {
                json.WriteNumber("aggregationTemporality", (int)metric.Temporality);
                json.WriteBoolean("isMonotonic", metric.IsMonotonic);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter json, OtlpAttributes attributes, ContentRedaction redaction)
    {
        json.WriteStartObject("resource");
        OtlpJsonValueWriter.WriteAttributes(json, "attributes", attributes, (_, value) => redaction.ResourceAttribute(value));
        json.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter json, OtlpScope? scope, ContentRedaction redaction)
    {
        if (scope is null)
            return;
        json.WriteStartObject("scope");
        WriteOptional(json, "name", redaction.Text(scope.Name));
        WriteOptional(json, "version", redaction.Text(scope.Version));
        if (scope.Attributes.Count > 0)
            OtlpJsonValueWriter.WriteAttributes(json, "attributes", scope.Attributes, (_, value) => redaction.ScopeAttribute(value));
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            json.WriteString(name, value);
    }
}
