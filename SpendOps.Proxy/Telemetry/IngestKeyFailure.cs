namespace SpendOps.Proxy.Telemetry;

/// <summary>Why an ingest request was not authenticated: answered 401, except <see cref="ProxyKey"/> (403, seed 001's "Invalid Scope").</summary>
internal enum IngestKeyFailure
{
    None = 0,
    Missing,
    Malformed,
    Unknown,
    Revoked,

    /// <summary>An <c>aso_k_</c> proxy key sent as the bearer: a valid kind of key without the <c>usage:write</c> scope.</summary>
    ProxyKey,
}
