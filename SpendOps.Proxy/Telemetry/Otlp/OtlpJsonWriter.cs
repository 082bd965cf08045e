using System.Globalization;
using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Writes the decoded model back as OTLP JSON (lowerCamelCase, 64-bit integers as strings), for the stored copy of
/// protobuf bodies and of bodies whose content had to be redacted. Content attributes (<see cref="ContentRedaction"/>)
/// are always written as <c>&lt;REDACTED&gt;</c>.
/// </summary>
internal static class OtlpJsonWriter
{
    public static string Write(OtlpLogsRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            foreach (var resource in request.ResourceLogs)
            {
                json.WriteStartObject();
                WriteResource(json, resource.Resource);
                json.WriteStartArray("scopeLogs");
                foreach (var scope in resource.ScopeLogs)
                {
                    json.WriteStartObject();
                    WriteScope(json, scope.Scope);
                    json.WriteStartArray("logRecords");
                    foreach (var record in scope.LogRecords)
                        WriteLogRecord(json, record);
                    json.WriteEndArray();
                    WriteOptional(json, "schemaUrl", scope.SchemaUrl);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteOptional(json, "schemaUrl", resource.SchemaUrl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Write(OtlpMetricsRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceMetrics");
            foreach (var resource in request.ResourceMetrics)
            {
                json.WriteStartObject();
                WriteResource(json, resource.Resource);
                json.WriteStartArray("scopeMetrics");
                foreach (var scope in resource.ScopeMetrics)
                {
                    json.WriteStartObject();
                    WriteScope(json, scope.Scope);
                    json.WriteStartArray("metrics");
                    foreach (var metric in scope.Metrics)
                        WriteMetric(json, metric);
                    json.WriteEndArray();
                    WriteOptional(json, "schemaUrl", scope.SchemaUrl);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteOptional(json, "schemaUrl", resource.SchemaUrl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteLogRecord(Utf8JsonWriter json, OtlpLogRecord record)
    {
        json.WriteStartObject();
        json.WriteString("timeUnixNano", record.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
        json.WriteString("observedTimeUnixNano", record.ObservedTimeUnixNano.ToString(CultureInfo.InvariantCulture));
        if (record.SeverityNumber != 0)
            json.WriteNumber("severityNumber", record.SeverityNumber);
        WriteOptional(json, "severityText", record.SeverityText);
        if (record.Body is not null)
        {
            json.WritePropertyName("body");
            OtlpJsonValueWriter.WriteValue(json, record.Body);
        }
        OtlpJsonValueWriter.WriteAttributes(json, "attributes", record.Attributes, redact: true);
        WriteOptional(json, "eventName", record.EventName);
        if (record.Flags != 0)
            json.WriteNumber("flags", record.Flags);
        WriteOptional(json, "traceId", record.TraceId);
        WriteOptional(json, "spanId", record.SpanId);
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, OtlpMetric metric)
    {
        json.WriteStartObject();
        json.WriteString("name", metric.Name);
        WriteOptional(json, "description", metric.Description);
        WriteOptional(json, "unit", metric.Unit);
        if (metric.Kind != OtlpMetricKind.Other)
        {
            json.WriteStartObject(metric.Kind == OtlpMetricKind.Sum ? "sum" : "gauge");
            json.WriteStartArray("dataPoints");
            foreach (var point in metric.DataPoints)
            {
                json.WriteStartObject();
                OtlpJsonValueWriter.WriteAttributes(json, "attributes", point.Attributes, redact: true);
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

    private static void WriteResource(Utf8JsonWriter json, OtlpAttributes attributes)
    {
        json.WriteStartObject("resource");
        OtlpJsonValueWriter.WriteAttributes(json, "attributes", attributes, redact: false);
        json.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter json, OtlpScope? scope)
    {
        if (scope is null)
            return;
        json.WriteStartObject("scope");
        WriteOptional(json, "name", scope.Name);
        WriteOptional(json, "version", scope.Version);
        if (scope.Attributes.Count > 0)
            OtlpJsonValueWriter.WriteAttributes(json, "attributes", scope.Attributes, redact: false);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            json.WriteString(name, value);
    }
}
