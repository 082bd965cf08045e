namespace SpendOps.Core.Alerts;

/// <summary>
/// <c>Jobs:AlertDispatch</c>: how often due notifications are looked for. New alerts do not wait for it: saving one
/// starts a run at once (<see cref="AlertDispatchTrigger"/>); the schedule picks up retries and anything a stopped
/// instance left.
/// </summary>
public sealed class AlertDispatchJobOptions
{
    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 15;
}
