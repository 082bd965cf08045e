using System.Collections.Concurrent;
using SpendOps.Proxy.Auth;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// Requests and tokens per minute per key, in fixed 60 s windows. Admission counts locally, in memory; the other
/// instances' counts arrive through <see cref="RateLimitSync"/> once a second, so across instances a limit can be
/// overshot by what the others admitted since the last sync. Keys without limits never reach this class.
/// </summary>
public sealed class KeyRateLimiter(TenantRateLimitDefaults defaults, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, KeyRateWindow> windows = new(StringComparer.Ordinal);

    /// <summary>Names this process's rows in the shared counter table.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Null for a key without limits (nothing counted, no headers); otherwise the verdict, counted if allowed.</summary>
    internal RateLimitDecision? Admit(ResolvedKey key)
    {
        var limits = defaults.For(key);
        if (!limits.Any)
            return null;
        var window = windows.GetOrAdd(key.Id, static _ => new KeyRateWindow());
        return window.Admit(limits, CurrentMinute());
    }

    /// <summary>Adds a completed call's tokens to the window it completed in.</summary>
    internal void AddTokens(RateLimitDecision decision, long tokens)
    {
        if (tokens > 0)
            decision.Window.AddTokens(tokens, CurrentMinute());
    }

    internal long CurrentMinute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    /// <summary>This instance's non-zero counts in <paramref name="minute"/>, for the sync to store.</summary>
    internal List<(string KeyId, int Requests, long Tokens)> LocalCounts(long minute)
    {
        var counts = new List<(string, int, long)>();
        foreach (var (id, window) in windows)
        {
            if (window.LocalCounts(minute) is { } c)
                counts.Add((id, c.Requests, c.Tokens));
        }
        return counts;
    }

    /// <summary>Installs the other instances' sums for <paramref name="minute"/>; keys absent from them get zero.</summary>
    internal void SetRemote(long minute, IReadOnlyDictionary<string, (int Requests, long Tokens)> others)
    {
        foreach (var (id, window) in windows)
        {
            var sums = others.GetValueOrDefault(id);
            window.SetRemote(minute, sums.Requests, sums.Tokens);
        }
        foreach (var (id, sums) in others)
        {
            if (!windows.ContainsKey(id))
                windows.GetOrAdd(id, static _ => new KeyRateWindow()).SetRemote(minute, sums.Requests, sums.Tokens);
        }
    }

    /// <summary>Drops windows that counted nothing in the current or previous minute, so memory follows active keys.</summary>
    internal void Prune(long minute)
    {
        foreach (var (id, window) in windows)
        {
            if (window.IsIdleSince(minute - 1))
                windows.TryRemove(id, out _);
        }
    }
}
