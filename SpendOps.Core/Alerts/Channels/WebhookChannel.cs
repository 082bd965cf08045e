using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// POSTs <see cref="WebhookPayload"/> to the recipient's URL, signed (<see cref="WebhookSignature"/>). Any 2xx answer
/// is delivery; anything else is retried. Redirects are not followed: the signed body must reach the address the admin
/// configured, and nowhere else.
/// </summary>
internal sealed class WebhookChannel(
    IHttpClientFactory clients,
    IOptionsMonitor<AlertsOptions> options,
    AlertPortalLinks links,
    TimeProvider clock) : IAlertChannel
{
    public AlertChannelKind Kind => AlertChannelKind.Webhook;

    public async Task SendAsync(AlertRecipient recipient, AlertNotice notice, Guid deliveryId, CancellationToken cancellationToken)
    {
        var secret = options.CurrentValue.Webhook.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret))
            throw new AlertDeliveryException("Webhook signing is not configured: set Alerts:Webhook:SigningSecret (receivers verify X-SpendOps-Signature with it).", permanent: true);

        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(notice, deliveryId, links.For(notice)), AlertJson.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, recipient.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        await AlertHttp.PostAsync(clients, options.CurrentValue, request, cancellationToken);
    }
}
