namespace SpendOps.Core.Telemetry;

/// <summary>
/// The last value seen of one cumulative metric series, so running totals can be turned into increments.
/// Kept in the database (not in memory) so the deltas stay right across restarts and between instances;
/// <see cref="Version"/> is a concurrency token, so two instances cannot both count the same increment.
/// </summary>
public sealed class TelemetrySeriesState
{
    public long Id { get; set; }
    public Guid ConnectionId { get; set; }

    /// <summary>Hash of metric name, point attributes and resource attributes (the start time is kept apart).</summary>
    public required string SeriesKey { get; set; }

    public required string MetricName { get; set; }
    public ulong StartTimeUnixNano { get; set; }
    public ulong LastTimeUnixNano { get; set; }
    public decimal LastValue { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}
