namespace SpendOps.Core.Alerts;

/// <summary>
/// The <c>Alerts</c> section: how notifications are sent and retried. Everything is optional: with nothing configured
/// the app starts, and webhook and e-mail deliveries fail with a message naming the setting to add
/// (<see cref="AlertsOptionsValidator"/> checks what is set).
/// </summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The portal's address for links in notifications; empty: <c>PublicBaseUrl</c>, else no link.</summary>
    public string? PortalUrl { get; set; }

    /// <summary>Attempts per delivery before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further failure, up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 30;

    public int RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>How long a claimed delivery is left to its dispatcher before another may take it over (a crashed instance).</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Deliveries claimed per dispatch run.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Per-attempt timeout for webhook and Slack requests and for the whole SMTP exchange.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public WebhookAlertOptions Webhook { get; set; } = new();

    public EmailAlertOptions Email { get; set; } = new();

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
