using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// One cost or token data point. <see cref="SeriesKey"/> identifies its counter (metric, point attributes,
/// resource); <see cref="GroupKey"/> is the same without the metric name and token <c>type</c>, so the cost and
/// the four token counters of one model and session become one usage record.
/// </summary>
internal sealed record MetricSample(
    string SeriesKey,
    string GroupKey,
    string MetricName,
    MetricField Field,
    decimal Value,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    OtlpTemporality Temporality,
    OtlpAttributes Resource,
    OtlpAttributes Attributes);
