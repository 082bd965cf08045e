using System.Collections.Frozen;
using SpendOps.Proxy.Auth;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// The tenants' default limits, kept in memory (refreshed by <see cref="RateLimitSync"/>) so admission never reads the
/// database. Only tenants that set a default are held, so with none set a key without limits costs one count check.
/// </summary>
public sealed class TenantRateLimitDefaults
{
    private volatile FrozenDictionary<Guid, KeyRateLimits> defaults = FrozenDictionary<Guid, KeyRateLimits>.Empty;

    public KeyRateLimits For(ResolvedKey key)
    {
        var own = new KeyRateLimits(key.Policy.RequestsPerMinute, key.Policy.TokensPerMinute);
        if (own is { RequestsPerMinute: not null, TokensPerMinute: not null })
            return own;
        var current = defaults;
        if (current.Count == 0 || !current.TryGetValue(key.TenantId, out var tenant))
            return own;
        return new KeyRateLimits(own.RequestsPerMinute ?? tenant.RequestsPerMinute, own.TokensPerMinute ?? tenant.TokensPerMinute);
    }

    public void Replace(IEnumerable<KeyValuePair<Guid, KeyRateLimits>> tenants) =>
        defaults = tenants.Where(t => t.Value.Any).ToFrozenDictionary();
}
