namespace SpendOps.Proxy.Usage;

/// <summary>
/// The share of its time the usage writer spent on its last batch, measured from the end of the batch before it (the
/// wait for records and the fill included), the batch's own waits for the CPU included.
/// </summary>
internal sealed class WriterDutyCycle(TimeProvider clock)
{
    private const double MostToShare = 0.25;
    private long previousEnd;
    private long batchStart;
    private double lastShare;

    /// <summary>Whether the last batch left the writer idle most of the time, so it can afford to yield during the next.</summary>
    public bool HasRoom => lastShare < MostToShare;

    public void BatchStarted() => batchStart = clock.GetTimestamp();

    public void BatchEnded()
    {
        var end = clock.GetTimestamp();
        if (previousEnd != 0 && end > previousEnd)
            lastShare = (double)(end - batchStart) / (end - previousEnd);
        previousEnd = end;
    }
}
