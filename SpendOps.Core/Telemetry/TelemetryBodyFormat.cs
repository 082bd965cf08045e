namespace SpendOps.Core.Telemetry;

/// <summary>How <see cref="TelemetryBatch.Body"/> holds the request body.</summary>
public enum TelemetryBodyFormat
{
    /// <summary>JSON as received (after gzip decompression): the note kept for a rejected body, and batches stored by earlier versions.</summary>
    Json = 0,

    /// <summary>
    /// OTLP JSON written by the ingest from the decoded request, for every accepted batch: only the fields the ingest
    /// reads, with every value its content allow-list does not keep replaced by <c>&lt;REDACTED&gt;</c>.
    /// </summary>
    NormalizedJson = 1,

    /// <summary>Base64 of bytes that could not be decoded (rejected protobuf bodies).</summary>
    Base64 = 2,
}
