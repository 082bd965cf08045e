namespace SpendOps.Core.Telemetry;

/// <summary>A raw batch as a list shows it: when and what arrived and what became of it, without the body.</summary>
public sealed record TelemetryBatchListItem(
    long Id,
    DateTimeOffset ReceivedAt,
    TelemetrySignal Signal,
    string ContentType,
    string? ContentEncoding,
    long ByteSize,
    long DecodedByteSize,
    int RecordCount,
    int UsageRecordCount,
    TelemetryBatchOutcome Outcome,
    string? Error,
    bool BodyRedacted,
    string? IngestKeyId);
