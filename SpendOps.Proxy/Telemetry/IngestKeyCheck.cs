using SpendOps.Core.Keys;

namespace SpendOps.Proxy.Telemetry;

/// <summary>The outcome of reading the bearer key: the key, or why not with the message for the sender.</summary>
internal sealed record IngestKeyCheck(IngestKey? Key, IngestKeyFailure Failure, string? Message)
{
    public static IngestKeyCheck Fail(IngestKeyFailure failure, string message) => new(null, failure, message);
}
