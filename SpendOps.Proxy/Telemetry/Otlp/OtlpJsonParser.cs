using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Reads OTLP/HTTP JSON with System.Text.Json, leniently (see <see cref="JsonFields"/>): unknown fields are
/// ignored, bad scalar values null only themselves. Only a body that is not JSON, or whose containers have the
/// wrong shape, is rejected, with a message saying where.
/// </summary>
internal static class OtlpJsonParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 128,
    };

    private static readonly Dictionary<string, int> TemporalityNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AGGREGATION_TEMPORALITY_UNSPECIFIED"] = 0, ["UNSPECIFIED"] = 0,
        ["AGGREGATION_TEMPORALITY_DELTA"] = 1, ["DELTA"] = 1,
        ["AGGREGATION_TEMPORALITY_CUMULATIVE"] = 2, ["CUMULATIVE"] = 2,
    };

    private static readonly Dictionary<string, int> NoNames = [];

    public static OtlpLogsRequest ParseLogs(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        var root = Object(document.RootElement, "request body");
        var request = new OtlpLogsRequest();
        foreach (var (resourceLogs, path) in Items(root, "resourcelogs", "resourceLogs"))
        {
            var resource = new OtlpResourceLogs { Resource = Resource(resourceLogs, path), SchemaUrl = JsonFields.String(resourceLogs, "schemaurl") };
            foreach (var (scopeLogs, scopePath) in Items(resourceLogs, "scopelogs", $"{path}.scopeLogs"))
            {
                var scope = new OtlpScopeLogs { Scope = Scope(scopeLogs, scopePath), SchemaUrl = JsonFields.String(scopeLogs, "schemaurl") };
                foreach (var (record, recordPath) in Items(scopeLogs, "logrecords", $"{scopePath}.logRecords"))
                    scope.LogRecords.Add(LogRecord(record, recordPath));
                resource.ScopeLogs.Add(scope);
            }
            request.ResourceLogs.Add(resource);
        }
        return request;
    }

    public static OtlpMetricsRequest ParseMetrics(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        var root = Object(document.RootElement, "request body");
        var request = new OtlpMetricsRequest();
        foreach (var (resourceMetrics, path) in Items(root, "resourcemetrics", "resourceMetrics"))
        {
            var resource = new OtlpResourceMetrics { Resource = Resource(resourceMetrics, path), SchemaUrl = JsonFields.String(resourceMetrics, "schemaurl") };
            foreach (var (scopeMetrics, scopePath) in Items(resourceMetrics, "scopemetrics", $"{path}.scopeMetrics"))
            {
                var scope = new OtlpScopeMetrics { Scope = Scope(scopeMetrics, scopePath), SchemaUrl = JsonFields.String(scopeMetrics, "schemaurl") };
                foreach (var (metric, metricPath) in Items(scopeMetrics, "metrics", $"{scopePath}.metrics"))
                    scope.Metrics.Add(Metric(metric, metricPath));
                resource.ScopeMetrics.Add(scope);
            }
            request.ResourceMetrics.Add(resource);
        }
        return request;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new OtlpFormatException(JsonErrorMessage.For(body.Span, e), e);
        }
    }

    private static OtlpLogRecord LogRecord(JsonElement record, string path)
    {
        Object(record, path);
        return new OtlpLogRecord
        {
            TimeUnixNano = JsonFields.UInt64(record, "timeunixnano"),
            ObservedTimeUnixNano = JsonFields.UInt64(record, "observedtimeunixnano"),
            SeverityNumber = JsonFields.Enum(record, "severitynumber", NoNames),
            SeverityText = JsonFields.String(record, "severitytext"),
            Body = JsonFields.TryGet(record, "body", out var body) ? OtlpJsonValueReader.Read(body) : null,
            Attributes = Attributes(record, path),
            EventName = JsonFields.String(record, "eventname"),
            Flags = (uint)Math.Clamp(JsonFields.TryGet(record, "flags", out var flags) ? JsonFields.Int64(flags) ?? 0 : 0, 0, uint.MaxValue),
            TraceId = JsonFields.String(record, "traceid"),
            SpanId = JsonFields.String(record, "spanid"),
        };
    }

    private static OtlpMetric Metric(JsonElement metric, string path)
    {
        Object(metric, path);
        var name = JsonFields.String(metric, "name") ?? "";
        var (kind, data) = JsonFields.TryGet(metric, "sum", out var sum) ? (OtlpMetricKind.Sum, sum)
            : JsonFields.TryGet(metric, "gauge", out var gauge) ? (OtlpMetricKind.Gauge, gauge)
            : (OtlpMetricKind.Other, default);
        if (kind != OtlpMetricKind.Other)
            Object(data, $"{path}.{(kind == OtlpMetricKind.Sum ? "sum" : "gauge")}");
        var result = new OtlpMetric
        {
            Name = name,
            Description = JsonFields.String(metric, "description"),
            Unit = JsonFields.String(metric, "unit"),
            Kind = kind,
            Temporality = kind == OtlpMetricKind.Sum ? (OtlpTemporality)JsonFields.Enum(data, "aggregationtemporality", TemporalityNames) : OtlpTemporality.Unspecified,
            IsMonotonic = kind == OtlpMetricKind.Sum && JsonFields.Bool(data, "ismonotonic"),
        };
        if (kind != OtlpMetricKind.Other)
        {
            foreach (var (point, pointPath) in Items(data, "datapoints", $"{path}.dataPoints"))
                result.DataPoints.Add(Point(point, pointPath));
        }
        return result;
    }

    private static OtlpNumberPoint Point(JsonElement point, string path)
    {
        Object(point, path);
        return new OtlpNumberPoint
        {
            Attributes = Attributes(point, path),
            StartTimeUnixNano = JsonFields.UInt64(point, "starttimeunixnano"),
            TimeUnixNano = JsonFields.UInt64(point, "timeunixnano"),
            AsDouble = JsonFields.TryGet(point, "asdouble", out var d) ? JsonFields.Double(d) : null,
            AsInt = JsonFields.TryGet(point, "asint", out var i) ? JsonFields.Int64(i) : null,
            Flags = (uint)Math.Clamp(JsonFields.TryGet(point, "flags", out var flags) ? JsonFields.Int64(flags) ?? 0 : 0, 0, uint.MaxValue),
        };
    }

    private static OtlpAttributes Resource(JsonElement parent, string path) =>
        JsonFields.TryGet(parent, "resource", out var resource) ? Attributes(Object(resource, $"{path}.resource"), $"{path}.resource") : [];

    private static OtlpScope? Scope(JsonElement parent, string path)
    {
        if (!JsonFields.TryGet(parent, "scope", out var scope))
            return null;
        Object(scope, $"{path}.scope");
        return new OtlpScope(JsonFields.String(scope, "name"), JsonFields.String(scope, "version"), Attributes(scope, $"{path}.scope"));
    }

    private static OtlpAttributes Attributes(JsonElement parent, string path)
    {
        var result = new OtlpAttributes();
        foreach (var (entry, _) in Items(parent, "attributes", $"{path}.attributes"))
        {
            if (JsonFields.String(entry, "key") is { } key)
                result.Add(new(key, JsonFields.TryGet(entry, "value", out var value) ? OtlpJsonValueReader.Read(value) : OtlpValue.Empty));
        }
        return result;
    }

    /// <summary>The objects of an array field with their paths; a missing or null field is empty, null items are skipped.</summary>
    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string canonical, string path)
    {
        if (!JsonFields.TryGet(parent, canonical, out var array))
            yield break;
        if (array.ValueKind != JsonValueKind.Array)
            throw new OtlpFormatException($"{path}: expected an array, got {Describe(array.ValueKind)}");
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Null)
                continue;
            yield return (Object(item, itemPath), itemPath);
        }
    }

    private static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new OtlpFormatException($"{path}: expected an object, got {Describe(element.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };
}
