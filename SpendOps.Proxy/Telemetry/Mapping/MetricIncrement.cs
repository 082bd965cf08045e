namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>What a sample adds to the total: the delta itself, or the difference to the series' last running total.</summary>
internal sealed record MetricIncrement(MetricSample Sample, decimal Amount);
