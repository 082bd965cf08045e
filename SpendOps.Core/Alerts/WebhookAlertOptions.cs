namespace SpendOps.Core.Alerts;

/// <summary><c>Alerts:Webhook</c>: the secret webhook payloads are signed with (see <see cref="Channels.WebhookSignature"/>).</summary>
public sealed class WebhookAlertOptions
{
    /// <summary>Shared with every receiver, which verifies <c>X-SpendOps-Signature</c> with it. Set it from the environment
    /// (<c>Alerts__Webhook__SigningSecret</c>) or a secret store, never in a committed file.</summary>
    public string? SigningSecret { get; set; }

    public const int MinSecretLength = 16;
}
