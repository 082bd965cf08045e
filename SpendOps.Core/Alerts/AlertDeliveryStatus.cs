namespace SpendOps.Core.Alerts;

public enum AlertDeliveryStatus
{
    /// <summary>Waiting for its first attempt or, after a failure, for <see cref="AlertDelivery.NextAttemptAt"/>.</summary>
    Pending = 1,

    /// <summary>Claimed by a dispatcher until <see cref="AlertDelivery.LeaseExpiresAt"/>; a dispatcher that dies leaves it to be claimed again then.</summary>
    Sending = 2,

    /// <summary>The receiver accepted it.</summary>
    Sent = 3,

    /// <summary>Every attempt failed, or the failure cannot change by retrying (a channel that is not configured).</summary>
    Failed = 4,
}
