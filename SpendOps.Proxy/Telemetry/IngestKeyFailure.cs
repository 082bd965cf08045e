namespace SpendOps.Proxy.Telemetry;

/// <summary>Why an ingest request was not authenticated (all answered 401).</summary>
internal enum IngestKeyFailure
{
    None = 0,
    Missing,
    Malformed,
    Unknown,
    Revoked,
}
