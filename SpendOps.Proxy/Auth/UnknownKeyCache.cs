using System.Collections.Concurrent;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Key ids the database did not know, remembered for a few seconds so that a client repeating an unknown or deleted
/// key costs one query, not one per request. Bounded: once full, expired entries are dropped (at most once a second);
/// while it is still full of live ones, new misses are not remembered, and the per-client rate limit on failed keys
/// is what bounds the queries. A key that appears (created, possibly on another instance) is forgotten here when the
/// key cache refresh brings it in.
/// </summary>
internal sealed class UnknownKeyCache
{
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);
    public const int Capacity = 10_000;

    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> misses = new(StringComparer.Ordinal);
    private DateTimeOffset lastPrune;

    public int Count => misses.Count;

    /// <summary>True while <paramref name="id"/> is remembered as unknown.</summary>
    public bool IsUnknown(string id, DateTimeOffset now)
    {
        if (!misses.TryGetValue(id, out var until))
            return false;
        if (until > now)
            return true;
        misses.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
        return false;
    }

    public void Remember(string id, DateTimeOffset now)
    {
        if (misses.Count >= Capacity && now - lastPrune >= PruneEvery)
        {
            lastPrune = now;
            foreach (var (missed, until) in misses)
            {
                if (until <= now)
                    misses.TryRemove(new KeyValuePair<string, DateTimeOffset>(missed, until));
            }
        }
        if (misses.Count < Capacity)
            misses[id] = now + Memory;
    }

    public void Forget(string id) => misses.TryRemove(id, out _);
}
