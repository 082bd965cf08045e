using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Keys;

/// <summary>
/// A proxy key, presented as <c>aso_k_{Id}.{secret}</c>. Only a hash of the secret is stored; the full
/// key is shown once when it is created or rotated.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    public required string Id { get; set; }
    public Guid TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>The last four characters of the secret, so people can tell keys apart without the secret.</summary>
    public required string SecretHint { get; set; }

    public ApiKeyStatus Status { get; set; }
    public KeyPolicy Policy { get; set; } = KeyPolicy.Unrestricted;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Assigned by the database on every change (<see cref="KeyChangeVersions"/>); the proxy's key cache asks for rows
    /// above the highest version it has seen, which holds whatever the writers' clocks say.
    /// </summary>
    public long ChangeVersion { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => Status == ApiKeyStatus.Active && (ExpiresAt is null || ExpiresAt > now);
}
