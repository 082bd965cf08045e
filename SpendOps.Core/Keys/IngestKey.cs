using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Keys;

/// <summary>
/// A key for machine-to-machine ingest (OpenTelemetry from Claude products), presented as
/// <c>Authorization: Bearer ss_live_{Id}.{secret}</c>. Only a hash of the secret is stored; the full key
/// is shown once, when it is created or rotated. Separate from <see cref="ApiKey"/>: an ingest key cannot
/// call the proxy, and a proxy key cannot write telemetry.
/// </summary>
public sealed class IngestKey
{
    public required string Id { get; set; }
    public Guid TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>The last four characters of the secret, so people can tell keys apart without the secret.</summary>
    public required string SecretHint { get; set; }

    /// <summary>What the key may do, e.g. <see cref="IngestKeyScopes.UsageWrite"/>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>When set, the key only works for this telemetry connection; null means any connection of the tenant.</summary>
    public Guid? ConnectionId { get; set; }

    public IngestKeyStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Safe to show and log: the id and the last four characters of the secret.</summary>
    public string DisplayHint => $"{IngestKeyFormat.Prefix}{Id}.…{SecretHint}";

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}
