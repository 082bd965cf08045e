namespace SpendOps.Core.Telemetry;

/// <summary>One page of a connection's raw batches, newest first, and how many it has in all.</summary>
public sealed record TelemetryBatchPage(IReadOnlyList<TelemetryBatchListItem> Items, int TotalCount);
