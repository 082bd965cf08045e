using Google.Protobuf;
using Google.Protobuf.Collections;
using SpendOps.Proxy.Telemetry.Protos.Collector.Logs;
using SpendOps.Proxy.Telemetry.Protos.Collector.Metrics;
using SpendOps.Proxy.Telemetry.Protos.Common;
using ProtoMetrics = SpendOps.Proxy.Telemetry.Protos.Metrics;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Reads OTLP/HTTP protobuf bodies with the classes generated from <c>Protos/</c> and converts them to the same
/// model the JSON parser produces, so everything after parsing has one code path.
/// </summary>
internal static class OtlpProtobufParser
{
    public static OtlpLogsRequest ParseLogs(ReadOnlyMemory<byte> body)
    {
        var message = Decode(ExportLogsServiceRequest.Parser, body);
        var request = new OtlpLogsRequest();
        foreach (var resourceLogs in message.ResourceLogs)
        {
            var resource = new OtlpResourceLogs { Resource = Attributes(resourceLogs.Resource?.Attributes), SchemaUrl = resourceLogs.SchemaUrl };
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = new OtlpScopeLogs { Scope = Scope(scopeLogs.Scope), SchemaUrl = scopeLogs.SchemaUrl };
                foreach (var record in scopeLogs.LogRecords)
                {
                    scope.LogRecords.Add(new OtlpLogRecord
                    {
                        TimeUnixNano = record.TimeUnixNano,
                        ObservedTimeUnixNano = record.ObservedTimeUnixNano,
                        SeverityNumber = record.SeverityNumber,
                        SeverityText = record.SeverityText,
                        Body = record.Body is null ? null : Value(record.Body),
                        Attributes = Attributes(record.Attributes),
                        EventName = record.EventName,
                        Flags = record.Flags,
                        TraceId = Hex(record.TraceId),
                        SpanId = Hex(record.SpanId),
                    });
                }
                resource.ScopeLogs.Add(scope);
            }
            request.ResourceLogs.Add(resource);
        }
        return request;
    }

    public static OtlpMetricsRequest ParseMetrics(ReadOnlyMemory<byte> body)
    {
        var message = Decode(ExportMetricsServiceRequest.Parser, body);
        var request = new OtlpMetricsRequest();
        foreach (var resourceMetrics in message.ResourceMetrics)
        {
            var resource = new OtlpResourceMetrics { Resource = Attributes(resourceMetrics.Resource?.Attributes), SchemaUrl = resourceMetrics.SchemaUrl };
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = new OtlpScopeMetrics { Scope = Scope(scopeMetrics.Scope), SchemaUrl = scopeMetrics.SchemaUrl };
                foreach (var metric in scopeMetrics.Metrics)
                    scope.Metrics.Add(Metric(metric));
                resource.ScopeMetrics.Add(scope);
            }
            request.ResourceMetrics.Add(resource);
        }
        return request;
    }

    private static T Decode<T>(MessageParser<T> parser, ReadOnlyMemory<byte> body) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OtlpFormatException($"invalid protobuf body: {e.Message}", e);
        }
    }

    private static OtlpMetric Metric(ProtoMetrics.Metric metric)
    {
        var (kind, points, temporality, monotonic) = metric.DataCase switch
        {
            ProtoMetrics.Metric.DataOneofCase.Sum => (OtlpMetricKind.Sum, metric.Sum.DataPoints, (OtlpTemporality)(int)metric.Sum.AggregationTemporality, metric.Sum.IsMonotonic),
            ProtoMetrics.Metric.DataOneofCase.Gauge => (OtlpMetricKind.Gauge, metric.Gauge.DataPoints, OtlpTemporality.Unspecified, false),
            _ => (OtlpMetricKind.Other, null, OtlpTemporality.Unspecified, false),
        };
        var result = new OtlpMetric
        {
            Name = metric.Name,
            Description = metric.Description,
            Unit = metric.Unit,
            Kind = kind,
            Temporality = temporality,
            IsMonotonic = monotonic,
        };
        foreach (var point in points ?? [])
        {
            result.DataPoints.Add(new OtlpNumberPoint
            {
                Attributes = Attributes(point.Attributes),
                StartTimeUnixNano = point.StartTimeUnixNano,
                TimeUnixNano = point.TimeUnixNano,
                AsDouble = point.ValueCase == ProtoMetrics.NumberDataPoint.ValueOneofCase.AsDouble ? point.AsDouble : null,
                AsInt = point.ValueCase == ProtoMetrics.NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : null,
                Flags = point.Flags,
            });
        }
        return result;
    }

    private static OtlpScope? Scope(InstrumentationScope? scope) =>
        scope is null ? null : new OtlpScope(scope.Name, scope.Version, Attributes(scope.Attributes));

    private static OtlpAttributes Attributes(RepeatedField<KeyValue>? attributes)
    {
        var result = new OtlpAttributes();
        foreach (var entry in attributes ?? [])
            result.Add(new(entry.Key, entry.Value is null ? OtlpValue.Empty : Value(entry.Value)));
        return result;
    }

    private static OtlpValue Value(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => OtlpValue.FromString(value.StringValue),
        AnyValue.ValueOneofCase.BoolValue => new OtlpValue { Kind = OtlpValueKind.Bool, Bool = value.BoolValue },
        AnyValue.ValueOneofCase.IntValue => new OtlpValue { Kind = OtlpValueKind.Int, Int = value.IntValue },
        AnyValue.ValueOneofCase.DoubleValue => new OtlpValue { Kind = OtlpValueKind.Double, Double = value.DoubleValue },
        AnyValue.ValueOneofCase.ArrayValue => new OtlpValue { Kind = OtlpValueKind.Array, Array = value.ArrayValue.Values.Select(Value).ToList() },
        AnyValue.ValueOneofCase.KvlistValue => new OtlpValue { Kind = OtlpValueKind.KeyValueList, KeyValueList = Attributes(value.KvlistValue.Values) },
        AnyValue.ValueOneofCase.BytesValue => new OtlpValue { Kind = OtlpValueKind.Bytes, Bytes = value.BytesValue.ToByteArray() },
        _ => OtlpValue.Empty,
    };

    private static string? Hex(ByteString bytes) => bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes.Span);
}
