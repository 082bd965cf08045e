namespace SpendOps.Proxy.Usage;

/// <summary>
/// Lets an error that can repeat for every record be logged once a minute, with how many times it happened in
/// between, so an overload produces a few clear lines instead of a flood.
/// </summary>
internal sealed class ReportThrottle(TimeProvider clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly object gate = new();
    private DateTimeOffset nextReport = DateTimeOffset.MinValue;
    private long pending;

    /// <summary>Counts <paramref name="count"/> occurrences; true (with the total since the last report) when it is time to log.</summary>
    public bool Occurred(long count, out long total)
    {
        lock (gate)
        {
            pending += count;
            var now = clock.GetUtcNow();
            if (now < nextReport)
            {
                total = 0;
                return false;
            }
            nextReport = now + Every;
            total = pending;
            pending = 0;
            return true;
        }
    }
}
