using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Reads OTLP/HTTP JSON with System.Text.Json, strictly (see <see cref="JsonFields"/>): plain JSON without comments
/// or trailing commas, every known field of its proto type. Anything else is rejected with the JSON path of the
/// field (<c>resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[0].asInt: expected …</c>); unknown fields
/// are ignored.
/// </summary>
internal static class OtlpJsonParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
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
        foreach (var (resourceLogs, path) in Items(root, "resourceLogs", ""))
        {
            var resource = new OtlpResourceLogs { Resource = Resource(resourceLogs, path), SchemaUrl = JsonFields.String(resourceLogs, "schemaUrl", path) };
            foreach (var (scopeLogs, scopePath) in Items(resourceLogs, "scopeLogs", path))
            {
                var scope = new OtlpScopeLogs { Scope = Scope(scopeLogs, scopePath), SchemaUrl = JsonFields.String(scopeLogs, "schemaUrl", scopePath) };
                foreach (var (record, recordPath) in Items(scopeLogs, "logRecords", scopePath))
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
        foreach (var (resourceMetrics, path) in Items(root, "resourceMetrics", ""))
        {
            var resource = new OtlpResourceMetrics { Resource = Resource(resourceMetrics, path), SchemaUrl = JsonFields.String(resourceMetrics, "schemaUrl", path) };
            foreach (var (scopeMetrics, scopePath) in Items(resourceMetrics, "scopeMetrics", path))
            {
                var scope = new OtlpScopeMetrics { Scope = Scope(scopeMetrics, scopePath), SchemaUrl = JsonFields.String(scopeMetrics, "schemaUrl", scopePath) };
                foreach (var (metric, metricPath) in Items(scopeMetrics, "metrics", scopePath))
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
            TimeUnixNano = JsonFields.UInt64(record, "timeUnixNano", path),
            ObservedTimeUnixNano = JsonFields.UInt64(record, "observedTimeUnixNano", path),
            SeverityNumber = JsonFields.Enum(record, "severityNumber", path, NoNames),
            SeverityText = JsonFields.String(record, "severityText", path),
            Body = JsonFields.TryGet(record, "body", out var body) ? OtlpJsonValueReader.Read(body, $"{path}.body") : null,
            Attributes = Attributes(record, path),
            EventName = JsonFields.String(record, "eventName", path),
            Flags = JsonFields.UInt32(record, "flags", path),
            TraceId = JsonFields.HexId(record, "traceId", path),
            SpanId = JsonFields.HexId(record, "spanId", path),
        };
    }

    private static OtlpMetric Metric(JsonElement metric, string path)
    {
        Object(metric, path);
        var name = JsonFields.String(metric, "name", path) ?? "";
        var (kind, data) = JsonFields.TryGet(metric, "sum", out var sum) ? (OtlpMetricKind.Sum, sum)
            : JsonFields.TryGet(metric, "gauge", out var gauge) ? (OtlpMetricKind.Gauge, gauge)
            : (OtlpMetricKind.Other, default);
        var dataPath = $"{path}.{(kind == OtlpMetricKind.Sum ? "sum" : "gauge")}";
        if (kind != OtlpMetricKind.Other)
            Object(data, dataPath);
        var result = new OtlpMetric
        {
            Name = name,
            Description = JsonFields.String(metric, "description", path),
            Unit = JsonFields.String(metric, "unit", path),
            Kind = kind,
            Temporality = kind == OtlpMetricKind.Sum ? (OtlpTemporality)JsonFields.Enum(data, "aggregationTemporality", dataPath, TemporalityNames) : OtlpTemporality.Unspecified,
            IsMonotonic = kind == OtlpMetricKind.Sum && JsonFields.Bool(data, "isMonotonic", dataPath),
        };
        if (kind != OtlpMetricKind.Other)
        {
            foreach (var (point, pointPath) in Items(data, "dataPoints", dataPath))
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
            StartTimeUnixNano = JsonFields.UInt64(point, "startTimeUnixNano", path),
            TimeUnixNano = JsonFields.UInt64(point, "timeUnixNano", path),
            AsDouble = JsonFields.TryGet(point, "asDouble", out var d) ? JsonFields.Double(d, $"{path}.asDouble") : null,
            AsInt = JsonFields.TryGet(point, "asInt", out var i) ? JsonFields.Int64(i, $"{path}.asInt") : null,
            Flags = JsonFields.UInt32(point, "flags", path),
        };
    }

    private static OtlpAttributes Resource(JsonElement parent, string path) =>
        JsonFields.TryGet(parent, "resource", out var resource) ? Attributes(Object(resource, $"{path}.resource"), $"{path}.resource") : [];

    private static OtlpScope? Scope(JsonElement parent, string path)
    {
        if (!JsonFields.TryGet(parent, "scope", out var scope))
            return null;
        Object(scope, $"{path}.scope");
        return new OtlpScope(JsonFields.String(scope, "name", $"{path}.scope"), JsonFields.String(scope, "version", $"{path}.scope"), Attributes(scope, $"{path}.scope"));
    }

    private static OtlpAttributes Attributes(JsonElement parent, string path)
    {
        var result = new OtlpAttributes();
        foreach (var (entry, entryPath) in Items(parent, "attributes", path))
            OtlpJsonValueReader.ReadKeyValue(entry, entryPath, result);
        return result;
    }

    /// <summary>The objects of an array field with their paths; a missing or null field is empty, null items are skipped.</summary>
    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string name, string parentPath)
    {
        var path = parentPath.Length == 0 ? name : $"{parentPath}.{name}";
        if (!JsonFields.TryGet(parent, name, out var array))
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
