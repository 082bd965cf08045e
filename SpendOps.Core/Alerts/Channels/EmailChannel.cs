using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// Sends alert e-mails through the SMTP server of <c>Alerts:Email</c> with MailKit: STARTTLS (required unless switched
/// off), then authentication when a user name is set. One connection per message: alerts are rare, and a held
/// connection would time out between them anyway.
/// </summary>
internal sealed class EmailChannel(IOptionsMonitor<AlertsOptions> options, AlertPortalLinks links) : IAlertChannel
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public async Task SendAsync(AlertRecipient recipient, AlertNotice notice, Guid deliveryId, CancellationToken cancellationToken)
    {
        var alerts = options.CurrentValue;
        var email = alerts.Email;
        if (!email.IsConfigured)
            throw new AlertDeliveryException("E-mail is not configured: set Alerts:Email:Host and Alerts:Email:From (see README, Notifications).", permanent: true);

        var message = AlertEmail.Compose(notice, email.From!, recipient.Target, deliveryId, links.For(notice));
        await SendMessageAsync(alerts, message, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="message"/> through the SMTP server of <c>Alerts:Email</c>; failures become an
    /// <see cref="AlertDeliveryException"/> that says what to fix. Scheduled reports send their files this way too.
    /// </summary>
    internal static async Task SendMessageAsync(AlertsOptions alerts, MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        var email = alerts.Email;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(alerts.Timeout);
        using var client = new SmtpClient { Timeout = (int)alerts.Timeout.TotalMilliseconds };
        if (!string.IsNullOrWhiteSpace(email.ServerCertificateSha256))
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || Pinned(certificate, email.ServerCertificateSha256);
        var server = $"{email.Host}:{email.Port}";
        try
        {
            await client.ConnectAsync(email.Host!, email.Port, email.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, timeout.Token);
            if (!string.IsNullOrWhiteSpace(email.UserName))
                await client.AuthenticateAsync(email.UserName, email.Password ?? "", timeout.Token);
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"The SMTP server {server} did not finish within {alerts.TimeoutSeconds} s.");
        }
        // MailKit's messages quote server replies and name the failing step, never the password; they are kept as they are.
        catch (SslHandshakeException e)
        {
            throw new AlertDeliveryException($"TLS with the SMTP server {server} failed: its certificate is not trusted. Trust its issuer or set Alerts:Email:ServerCertificateSha256.", innerException: e);
        }
        catch (NotSupportedException e) when (email.UseStartTls)
        {
            throw new AlertDeliveryException($"The SMTP server {server} does not offer STARTTLS; enable it there, or set Alerts:Email:UseStartTls to false for a trusted local relay.", innerException: e);
        }
        catch (AuthenticationException e)
        {
            throw new AlertDeliveryException($"The SMTP server {server} refused the credentials of Alerts:Email:UserName: {e.Message}", innerException: e);
        }
        catch (SmtpCommandException e)
        {
            throw new AlertDeliveryException($"The SMTP server {server} answered {(int)e.StatusCode} {e.Message}", innerException: e);
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException)
        {
            throw new AlertDeliveryException($"Could not talk to the SMTP server {server}: {e.Message}", innerException: e);
        }
    }

    private static bool Pinned(X509Certificate? certificate, string expected) =>
        certificate is not null
        && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), expected.Replace(":", "", StringComparison.Ordinal).Trim(), StringComparison.OrdinalIgnoreCase);
}
