using System.Collections.Concurrent;
using SpendOps.Core.Tenancy;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Every tenant's dimension catalogue, compiled, in memory: the request path reads it and never the database.
/// <see cref="ApiKeyCacheRefresher"/> keeps it current (tenants whose <see cref="Tenant.DimsChangedAt"/> moved), and
/// <see cref="ApiKeyResolver"/> loads a tenant's catalogue together with a key it had not seen yet, so a new
/// tenant's catalogue is in force from its first call.
/// </summary>
public sealed class TenantDimsCache
{
    private readonly ConcurrentDictionary<Guid, TenantDimsPolicy> policies = new();

    /// <summary>The tenant's catalogue; <see cref="TenantDimsPolicy.Empty"/> for a tenant that has none.</summary>
    public TenantDimsPolicy For(Guid tenantId) => policies.TryGetValue(tenantId, out var policy) ? policy : TenantDimsPolicy.Empty;

    public bool Knows(Guid tenantId) => policies.ContainsKey(tenantId);

    /// <summary>Replaces the catalogues of the given tenants (an empty list for a tenant whose catalogue is now empty).</summary>
    public void Apply(IEnumerable<Guid> tenantIds, IEnumerable<TenantDimension> rows)
    {
        var byTenant = rows.ToLookup(r => r.TenantId);
        foreach (var tenantId in tenantIds)
            policies[tenantId] = new TenantDimsPolicy(byTenant[tenantId]);
    }

    /// <summary>Makes the cache exactly the given tenants (a full reload), dropping tenants that no longer exist.</summary>
    public void ReplaceAll(IReadOnlyCollection<Guid> tenantIds, IEnumerable<TenantDimension> rows)
    {
        Apply(tenantIds, rows);
        var present = tenantIds.ToHashSet();
        foreach (var id in policies.Keys)
        {
            if (!present.Contains(id))
                policies.TryRemove(id, out _);
        }
    }
}
