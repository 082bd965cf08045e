namespace SpendOps.Core.Alerts;

public enum AlertChannelKind
{
    /// <summary>A JSON payload signed with an HMAC header, for the customer's own receiver.</summary>
    Webhook = 1,

    /// <summary>A Slack-compatible incoming-webhook message.</summary>
    Slack = 2,

    /// <summary>An e-mail over the configured SMTP server.</summary>
    Email = 3,
}
