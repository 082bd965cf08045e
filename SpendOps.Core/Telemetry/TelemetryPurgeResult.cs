namespace SpendOps.Core.Telemetry;

/// <summary>What one <see cref="TelemetryRetention.PurgeAsync"/> run deleted.</summary>
public sealed record TelemetryPurgeResult(int BatchesDeleted, int SeriesStatesDeleted);
