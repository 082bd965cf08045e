namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>Where a batch came from, stamped on every usage record derived from it.</summary>
internal sealed record TelemetryMappingContext(Guid ConnectionId, Guid TenantId, string? IngestKeyId, DateTimeOffset ReceivedAt);
