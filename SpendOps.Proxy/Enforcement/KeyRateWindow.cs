namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// One limited key's counts in the current 60 s window (minutes since the Unix epoch, so every instance agrees on the
/// boundaries): what this instance counted, and what the other instances had counted at the last sync.
/// </summary>
internal sealed class KeyRateWindow
{
    private readonly Lock gate = new();
    private long minute;
    private int localRequests;
    private long localTokens;
    private int remoteRequests;
    private long remoteTokens;

    /// <summary>Counts the request unless a limit is reached; returns the window's totals as the client should see them.</summary>
    public RateLimitDecision Admit(KeyRateLimits limits, long nowMinute)
    {
        lock (gate)
        {
            Roll(nowMinute);
            var requests = localRequests + remoteRequests;
            var tokens = localTokens + remoteTokens;
            var refused = limits.RequestsPerMinute is { } rpm && requests >= rpm ? RateLimitKind.Requests
                : limits.TokensPerMinute is { } tpm && tokens >= tpm ? RateLimitKind.Tokens
                : RateLimitKind.None;
            if (refused == RateLimitKind.None)
            {
                localRequests++;
                requests++;
            }
            return new RateLimitDecision(this, limits, refused, requests, tokens, nowMinute);
        }
    }

    public void AddTokens(long tokens, long nowMinute)
    {
        lock (gate)
        {
            Roll(nowMinute);
            localTokens += tokens;
        }
    }

    /// <summary>This instance's counts for <paramref name="forMinute"/>, or null when it counted nothing then.</summary>
    public (int Requests, long Tokens)? LocalCounts(long forMinute)
    {
        lock (gate)
        {
            if (minute != forMinute || (localRequests == 0 && localTokens == 0))
                return null;
            return (localRequests, localTokens);
        }
    }

    /// <summary>The other instances' sums for <paramref name="forMinute"/>, as last read from the database.</summary>
    public void SetRemote(long forMinute, int requests, long tokens)
    {
        lock (gate)
        {
            Roll(forMinute);
            if (minute != forMinute)
                return; // the window moved on while the sums were read
            remoteRequests = requests;
            remoteTokens = tokens;
        }
    }

    public bool IsIdleSince(long sinceMinute)
    {
        lock (gate)
            return minute < sinceMinute;
    }

    private void Roll(long nowMinute)
    {
        if (nowMinute <= minute)
            return;
        minute = nowMinute;
        localRequests = 0;
        localTokens = 0;
        remoteRequests = 0;
        remoteTokens = 0;
    }
}
