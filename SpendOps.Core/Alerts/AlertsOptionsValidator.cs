using Microsoft.Extensions.Options;
using MimeKit;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Checks the <c>Alerts</c> section on start and reports every problem with the key to fix. Leaving e-mail or webhook
/// signing unconfigured is not a problem: those deliveries fail with a message saying what to set.
/// </summary>
internal sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    private const string Section = AlertsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PortalUrl) && !IsHttpUrl(options.PortalUrl))
            failures.Add($"{Section}:PortalUrl: '{options.PortalUrl}' is not an absolute http or https URL.");
        Range(options.MaxAttempts, 1, 50, "MaxAttempts", failures);
        Range(options.RetryBaseDelaySeconds, 1, 86_400, "RetryBaseDelaySeconds", failures);
        Range(options.RetryMaxDelaySeconds, 1, 604_800, "RetryMaxDelaySeconds", failures);
        if (options.RetryMaxDelaySeconds < options.RetryBaseDelaySeconds)
            failures.Add($"{Section}:RetryMaxDelaySeconds: {options.RetryMaxDelaySeconds} is less than {Section}:RetryBaseDelaySeconds ({options.RetryBaseDelaySeconds}).");
        Range(options.LeaseSeconds, 10, 3600, "LeaseSeconds", failures);
        Range(options.BatchSize, 1, 1000, "BatchSize", failures);
        Range(options.TimeoutSeconds, 1, 300, "TimeoutSeconds", failures);
        if (options.LeaseSeconds <= options.TimeoutSeconds)
            failures.Add($"{Section}:LeaseSeconds: {options.LeaseSeconds} must be longer than {Section}:TimeoutSeconds ({options.TimeoutSeconds}), or a slow send could be claimed and sent again by another instance.");

        if (options.Webhook?.SigningSecret is { Length: > 0 } secret && secret.Trim().Length < WebhookAlertOptions.MinSecretLength)
            failures.Add($"{Section}:Webhook:SigningSecret is shorter than {WebhookAlertOptions.MinSecretLength} characters; use a long random value (for example: openssl rand -hex 32).");

        if (options.Email is { } email)
            ValidateEmail(email, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEmail(EmailAlertOptions email, List<string> failures)
    {
        const string key = $"{Section}:Email";
        var anySet = !string.IsNullOrWhiteSpace(email.From) || !string.IsNullOrWhiteSpace(email.UserName) || !string.IsNullOrEmpty(email.Password);
        if (!email.IsConfigured)
        {
            if (anySet)
                failures.Add($"{key}:Host is empty but other {key} settings are set; set the SMTP server's host name, or remove them.");
            return;
        }
        Range(email.Port, 1, 65_535, "Email:Port", failures);
        if (string.IsNullOrWhiteSpace(email.From))
            failures.Add($"{key}:From is required when {key}:Host is set, e.g. 'SpendOps <alerts@example.com>'.");
        else if (!MailboxAddress.TryParse(email.From, out _))
            failures.Add($"{key}:From: '{email.From}' is not an e-mail address such as 'SpendOps <alerts@example.com>'.");
        if (string.IsNullOrWhiteSpace(email.UserName) != string.IsNullOrEmpty(email.Password))
            failures.Add($"{key}:UserName and {key}:Password go together: set both to authenticate, or neither.");
        if (!string.IsNullOrWhiteSpace(email.ServerCertificateSha256) && !IsSha256Hex(email.ServerCertificateSha256))
            failures.Add($"{key}:ServerCertificateSha256 must be 64 hexadecimal digits (colons allowed), e.g. from: openssl x509 -noout -fingerprint -sha256 -in server.crt");
    }

    private static void Range(int value, int min, int max, string key, List<string> failures)
    {
        if (value < min || value > max)
            failures.Add($"{Section}:{key}: {value} is outside {min}-{max}.");
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    internal static bool IsSha256Hex(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Trim();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit);
    }
}
