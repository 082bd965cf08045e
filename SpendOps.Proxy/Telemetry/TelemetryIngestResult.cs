namespace SpendOps.Proxy.Telemetry;

/// <summary>What one accepted batch produced.</summary>
internal sealed record TelemetryIngestResult(long BatchId, int RecordCount, int UsageRecordsWritten, int Duplicates, int Superseded);
