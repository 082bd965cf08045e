namespace SpendOps.Proxy.Usage;

/// <summary>
/// Turns an event that can happen for every record (spilled, lost) into at most one log line a minute: the first
/// occurrence after a quiet minute is reported at once, later ones are counted and reported together when the minute
/// is over, so an overload gives a few lines with totals instead of one line per record, and the last count of an
/// overload is reported even when nothing happens after it.
/// </summary>
internal sealed class MinuteSummary(TimeProvider clock, Action<long, Exception?> report) : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly object gate = new();
    private ITimer? flush;
    private DateTimeOffset quietUntil = DateTimeOffset.MinValue;
    private long pending;
    private Exception? lastError;

    public void Add(long count, Exception? error = null)
    {
        long now;
        lock (gate)
        {
            pending += count;
            lastError = error ?? lastError;
            if (flush is not null)
                return;
            var time = clock.GetUtcNow();
            flush = clock.CreateTimer(_ => Flush(), null, time >= quietUntil ? Every : quietUntil - time, Timeout.InfiniteTimeSpan);
            if (time < quietUntil)
                return;
            quietUntil = time + Every;
            now = Take(out error);
        }
        report(now, error);
    }

    private void Flush()
    {
        long count;
        Exception? error;
        lock (gate)
        {
            flush?.Dispose();
            flush = null;
            count = Take(out error);
            if (count == 0)
                return;
            quietUntil = clock.GetUtcNow() + Every;
            flush = clock.CreateTimer(_ => Flush(), null, Every, Timeout.InfiniteTimeSpan);
        }
        report(count, error);
    }

    private long Take(out Exception? error)
    {
        var count = pending;
        error = lastError;
        pending = 0;
        lastError = null;
        return count;
    }

    public void Dispose()
    {
        lock (gate)
        {
            flush?.Dispose();
            flush = null;
        }
    }
}
