using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Checks <c>X-ASO-API-Key</c> against an in-memory copy of the key table, so a request never waits for the
/// database. <see cref="ApiKeyCacheRefresher"/> keeps the copy fresh on every instance. A key id the cache has
/// not seen yet (created a moment ago, possibly by another instance) is looked up once, and misses are
/// remembered briefly so unknown keys cannot turn into a query per request.
/// </summary>
public sealed class ApiKeyResolver(IDbContextFactory<SpendOpsDbContext> contexts, TenantDimsCache tenantDims, KeyHasher hasher, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ResolvedKey> keys = new(StringComparer.Ordinal);
    private readonly UnknownKeyCache misses = new();
    private readonly ConcurrentDictionary<string, LastUse> lastUsed = new(StringComparer.Ordinal);

    public async ValueTask<KeyResolution> ResolveAsync(StringValues header, CancellationToken cancellationToken)
    {
        if (!PresentedKey.TryRead(header, out var presented))
            return KeyResolution.Fail(KeyFailure.Conflicting);
        if (presented is null)
            return KeyResolution.Fail(KeyFailure.Missing);
        if (!ApiKeyFormat.TryParse(presented, out var id, out _))
            return KeyResolution.Fail(KeyFailure.Format);

        var now = clock.GetUtcNow();
        if (!keys.TryGetValue(id, out var key))
            key = await LoadMissingAsync(id, now, cancellationToken);

        ApiKeyFormat.TryParse(presented, out _, out var secret);
        if (key is null || !key.Accepts(secret, now, hasher))
            return KeyResolution.Fail(KeyFailure.Unknown);

        // A lock-free write to the key's slot (GetOrAdd only locks to add it): setting the dictionary entry itself on
        // every call took a lock that all calls with the same key contended for.
        lastUsed.GetOrAdd(key.Id, static _ => new LastUse()).Record(now);
        return new KeyResolution(key, KeyFailure.None);
    }

    /// <summary>True when the key id is in the cache (whatever its state): a cheap check that never queries the database.</summary>
    public bool Knows(string id) => keys.ContainsKey(id);

    /// <summary>Replaces cached entries with the given rows (from a refresh).</summary>
    public void Apply(IEnumerable<(ApiKey Key, string TenantName)> rows)
    {
        foreach (var (key, tenantName) in rows)
        {
            keys[key.Id] = new ResolvedKey(key, tenantName);
            misses.Forget(key.Id);
        }
    }

    /// <summary>Makes the cache exactly the given set (a full reload), dropping keys that no longer exist.</summary>
    public void ReplaceAll(IReadOnlyCollection<(ApiKey Key, string TenantName)> rows)
    {
        Apply(rows);
        var present = rows.Select(r => r.Key.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in keys.Keys)
        {
            if (!present.Contains(id))
            {
                keys.TryRemove(id, out _);
                lastUsed.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Takes the last-use times recorded since the previous call, for a batched write.</summary>
    public IReadOnlyList<KeyValuePair<string, DateTimeOffset>> DrainLastUsed()
    {
        var drained = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var (id, slot) in lastUsed)
        {
            if (slot.Take() is { } at)
                drained.Add(new(id, at));
        }
        return drained;
    }

    private async ValueTask<ResolvedKey?> LoadMissingAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (misses.IsUnknown(id, now))
            return null;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == id)
            .Select(k => new { Key = k, TenantName = k.Tenant!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            misses.Remember(id, now);
            return null;
        }
        if (!tenantDims.Knows(row.Key.TenantId))
        {
            // A tenant created since the last refresh: its catalogue must hold from the first call, not seconds later.
            var catalogue = await db.TenantDimensions.AsNoTracking().Where(d => d.TenantId == row.Key.TenantId).ToListAsync(cancellationToken);
            tenantDims.Apply([row.Key.TenantId], catalogue);
        }
        var resolved = new ResolvedKey(row.Key, row.TenantName);
        return keys.GetOrAdd(id, resolved);
    }

    /// <summary>The latest use of one key since it was last taken (0: none).</summary>
    private sealed class LastUse
    {
        private long utcTicks;

        public void Record(DateTimeOffset at) => Volatile.Write(ref utcTicks, at.UtcTicks);

        public DateTimeOffset? Take()
        {
            var ticks = Interlocked.Exchange(ref utcTicks, 0);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }
}
