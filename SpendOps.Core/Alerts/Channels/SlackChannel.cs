using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// POSTs a <see cref="SlackMessage"/> to a Slack incoming webhook (or anything that reads its format: Mattermost,
/// Rocket.Chat, Discord's <c>/slack</c> endpoints). The URL is the credential, so it is not signed.
/// </summary>
internal sealed class SlackChannel(IHttpClientFactory clients, IOptionsMonitor<AlertsOptions> options, AlertPortalLinks links) : IAlertChannel
{
    public AlertChannelKind Kind => AlertChannelKind.Slack;

    public async Task SendAsync(AlertRecipient recipient, AlertNotice notice, Guid deliveryId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(SlackMessage.From(notice, links.For(notice)), AlertJson.OmitNulls);
        using var request = new HttpRequestMessage(HttpMethod.Post, recipient.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        await AlertHttp.PostAsync(clients, options.CurrentValue, request, cancellationToken);
    }
}
