namespace SpendOps.Core.Tenancy;

/// <summary>An organisation using SpendOps. Every key, record and user belongs to exactly one tenant.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>IANA time zone used for calendar periods (budgets, "today", month to date).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Requests per minute for keys whose policy sets none; null leaves them unlimited.</summary>
    public int? DefaultRequestsPerMinute { get; set; }

    /// <summary>Tokens per minute for keys whose policy sets none; null leaves them unlimited.</summary>
    public int? DefaultTokensPerMinute { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bumped whenever the tenant's dimension catalogue (<see cref="TenantDimension"/>) changes, deletions included.</summary>
    public DateTimeOffset DimsChangedAt { get; set; }

    /// <summary>
    /// Assigned by the database whenever <see cref="DimsChangedAt"/> moves (<see cref="Keys.KeyChangeVersions"/>); the
    /// proxies poll for tenants above the highest version they have seen, as they do for keys.
    /// </summary>
    public long DimsChangeVersion { get; set; }
}
