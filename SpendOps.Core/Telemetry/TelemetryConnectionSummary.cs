using SpendOps.Core.Keys;

namespace SpendOps.Core.Telemetry;

/// <summary>A connection as the portal lists it: where to send, when data last arrived, and its keys (never their secrets).</summary>
public sealed record TelemetryConnectionSummary(
    Guid Id,
    string Name,
    TelemetrySource Source,
    string EndpointPath,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastReceivedAt,
    IReadOnlyList<IngestKeySummary> Keys);
