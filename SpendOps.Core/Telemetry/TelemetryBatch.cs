namespace SpendOps.Core.Telemetry;

/// <summary>
/// One OTLP export request as received, kept for a limited time (<see cref="TelemetryIngestOptions.RawBatchRetentionDays"/>)
/// so what real senders emit can be checked against the usage records derived from it.
/// </summary>
public sealed class TelemetryBatch
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; set; }
    public string? IngestKeyId { get; set; }
    public TelemetrySignal Signal { get; set; }
    public required string ContentType { get; set; }
    public string? ContentEncoding { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Bytes on the wire (compressed size for gzip bodies).</summary>
    public long ByteSize { get; set; }

    /// <summary>Bytes after decompression.</summary>
    public long DecodedByteSize { get; set; }

    public TelemetryBodyFormat BodyFormat { get; set; }

    /// <summary>The body; see <see cref="BodyFormat"/>. Content attributes (prompts, responses, API bodies) are never stored.</summary>
    public required string Body { get; set; }

    /// <summary>True when content attributes were replaced by <c>&lt;REDACTED&gt;</c> before storing.</summary>
    public bool BodyRedacted { get; set; }

    /// <summary>Log records or metric data points in the request.</summary>
    public int RecordCount { get; set; }

    /// <summary>New usage records written from this batch (a replayed batch writes none).</summary>
    public int UsageRecordCount { get; set; }

    public TelemetryBatchOutcome Outcome { get; set; }

    /// <summary>Why the batch was rejected, as told to the sender.</summary>
    public string? Error { get; set; }
}
