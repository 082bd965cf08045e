namespace SpendOps.Core.Alerts;

/// <summary>
/// A notification was not delivered. <see cref="Exception.Message"/> goes to the delivery log as it is, so it names the
/// receiver's answer or the setting to fix and never a secret. <see cref="Permanent"/>: retrying cannot help (a channel
/// that is not configured), so the delivery fails at once.
/// </summary>
public sealed class AlertDeliveryException(string message, bool permanent = false, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
