namespace SpendOps.Proxy.Usage;

/// <summary>
/// When the usage writer tries the database again after a failure: after <c>first</c>, then twice as long after every
/// further failure, up to <c>max</c>, and at once again after a success. A database that is down is then asked a few
/// times a minute at most, instead of once per batch (each attempt can cost a connect timeout and a log line), while a
/// short outage still ends within about a second.
/// </summary>
internal sealed class RetryBackoff(TimeSpan first, TimeSpan max)
{
    private TimeSpan delay;

    /// <summary>Failed attempts since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>Since when the database has been failing (the first failure of the current run).</summary>
    public DateTime FailingSince { get; private set; }

    /// <summary>The earliest time to try the database again.</summary>
    public DateTime NextAttempt { get; private set; }

    /// <summary>True while the last attempt failed and the wait after it is not over.</summary>
    public bool IsWaiting(DateTime now) => Failures > 0 && now < NextAttempt;

    /// <summary>Records a failure at <paramref name="now"/>; returns how long to wait before the next attempt.</summary>
    public TimeSpan Failed(DateTime now)
    {
        if (Failures == 0)
        {
            FailingSince = now;
            delay = first;
        }
        else
        {
            delay = delay * 2 < max ? delay * 2 : max;
        }
        Failures++;
        NextAttempt = now + delay;
        return delay;
    }

    /// <summary>Records a success; returns the failures it ends (0 when the database was fine).</summary>
    public int Succeeded()
    {
        var ended = Failures;
        Failures = 0;
        return ended;
    }
}
