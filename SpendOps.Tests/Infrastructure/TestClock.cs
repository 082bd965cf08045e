namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// The real time, unless a test stops it at a moment of its choosing: "today" and "this month" in the portal then
/// cover data recorded in another month (the Claude Code captures, for one).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? stoppedAt;

    public override DateTimeOffset GetUtcNow() => stoppedAt ?? base.GetUtcNow();

    /// <summary>Stops the clock at <paramref name="at"/> until the returned handle is disposed.</summary>
    public IDisposable StopAt(DateTimeOffset at)
    {
        stoppedAt = at;
        return new Restart(this);
    }

    private sealed class Restart(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.stoppedAt = null;
    }
}
