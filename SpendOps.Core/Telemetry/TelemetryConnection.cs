using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// A place Claude products send OpenTelemetry to: <c>/api/v1/public/ingest/otel/claude/{Id}</c>. Usage
/// records derived from its telemetry carry its id in <see cref="Usage.UsageRecord.ConnectionId"/>.
/// </summary>
public sealed class TelemetryConnection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public required string Name { get; set; }
    public TelemetrySource Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>When the last accepted batch arrived ("Last synced" in the portal); null until the first one.</summary>
    public DateTimeOffset? LastReceivedAt { get; set; }

    public string EndpointPath => TelemetryIngestPaths.ForConnection(Id);
}
