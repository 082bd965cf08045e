namespace SpendOps.Core.Alerts;

/// <summary>Exponential backoff between attempts: the base delay after the first failure, doubled after each further one, capped.</summary>
public static class AlertRetrySchedule
{
    public static TimeSpan DelayAfter(int failedAttempts, AlertsOptions options)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var seconds = Math.Min((double)options.RetryBaseDelaySeconds * Math.Pow(2, exponent), options.RetryMaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
