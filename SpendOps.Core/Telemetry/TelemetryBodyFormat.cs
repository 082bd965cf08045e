namespace SpendOps.Core.Telemetry;

/// <summary>How <see cref="TelemetryBatch.Body"/> holds the request body.</summary>
public enum TelemetryBodyFormat
{
    /// <summary>The OTLP JSON exactly as received (after gzip decompression).</summary>
    Json = 0,

    /// <summary>
    /// OTLP JSON written by the ingest from the decoded request: protobuf bodies, and JSON bodies that carried
    /// prompt, response or API body content, which is replaced by <c>&lt;REDACTED&gt;</c> before storing.
    /// </summary>
    NormalizedJson = 1,

    /// <summary>Base64 of bytes that could not be decoded (rejected protobuf bodies).</summary>
    Base64 = 2,
}
