using SpendOps.Core.Alerts;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>Every misconfiguration of the <c>Alerts</c> section is reported on start with the key to fix; nothing configured is fine.</summary>
public sealed class AlertsOptionsValidatorTests
{
    [Fact]
    public void Validate_NothingConfigured_Succeeds()
    {
        var result = new AlertsOptionsValidator().Validate(null, new AlertsOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("PortalUrl", "spendops.example.com", "Alerts:PortalUrl: 'spendops.example.com' is not an absolute http or https URL.")]
    [InlineData("MaxAttempts", "0", "Alerts:MaxAttempts: 0 is outside 1-50.")]
    [InlineData("RetryBaseDelaySeconds", "7200", "Alerts:RetryMaxDelaySeconds: 3600 is less than Alerts:RetryBaseDelaySeconds (7200).")]
    [InlineData("LeaseSeconds", "15", "Alerts:LeaseSeconds: 15 must be longer than Alerts:TimeoutSeconds (15), or a slow send could be claimed and sent again by another instance.")]
    [InlineData("Webhook:SigningSecret", "short", "Alerts:Webhook:SigningSecret is shorter than 16 characters; use a long random value (for example: openssl rand -hex 32).")]
    [InlineData("Email:From", "alerts@example.com", "Alerts:Email:Host is empty but other Alerts:Email settings are set; set the SMTP server's host name, or remove them.")]
    public void Validate_OneBadSetting_NamesItsKey(string key, string value, string expected)
    {
        var options = new AlertsOptions();
        Set(options, key, value);

        var result = new AlertsOptionsValidator().Validate(null, options);

        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public void Validate_SmtpHostWithoutFromAndHalfCredentials_ReportsEveryProblem()
    {
        var options = new AlertsOptions
        {
            Email = new EmailAlertOptions { Host = "smtp.example.com", Port = 70_000, UserName = "alerts", ServerCertificateSha256 = "abc" },
        };

        var result = new AlertsOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Alerts:Email:Port: 70000 is outside 1-65535.",
                "Alerts:Email:From is required when Alerts:Email:Host is set, e.g. 'SpendOps <alerts@example.com>'.",
                "Alerts:Email:UserName and Alerts:Email:Password go together: set both to authenticate, or neither.",
                "Alerts:Email:ServerCertificateSha256 must be 64 hexadecimal digits (colons allowed), e.g. from: openssl x509 -noout -fingerprint -sha256 -in server.crt",
            ],
            result.Failures);
    }

    private static void Set(AlertsOptions options, string key, string value)
    {
        switch (key)
        {
            case "PortalUrl": options.PortalUrl = value; break;
            case "MaxAttempts": options.MaxAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "RetryBaseDelaySeconds": options.RetryBaseDelaySeconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "LeaseSeconds": options.LeaseSeconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Webhook:SigningSecret": options.Webhook.SigningSecret = value; break;
            case "Email:From": options.Email.From = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key, null);
        }
    }
}
