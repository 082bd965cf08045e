using System.Text.Json.Serialization;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> for notifications and clients without blocks, <c>blocks</c> for the
/// message itself (https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit/blocks).
/// </summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackMessage.Block> Blocks)
{
    /// <summary>Slack caps a header's text at 150 characters.</summary>
    private const int MaxHeaderLength = 150;

    public sealed record Block(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("text")] TextObject? Text = null,
        [property: JsonPropertyName("fields")] IReadOnlyList<TextObject>? Fields = null,
        [property: JsonPropertyName("elements")] IReadOnlyList<TextObject>? Elements = null);

    public sealed record TextObject([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] string Text);

    public static SlackMessage From(AlertNotice notice, string? portalUrl)
    {
        var headline = AlertText.Headline(notice);
        var blocks = new List<Block>
        {
            new("header", Text: new TextObject("plain_text", headline.Length <= MaxHeaderLength ? headline : headline[..(MaxHeaderLength - 1)] + "…")),
            new("section", Fields: AlertText.Facts(notice).Select(f => new TextObject("mrkdwn", $"*{Escape(f.Label)}*\n{Escape(f.Value)}")).ToList()),
        };
        if (portalUrl is not null)
            blocks.Add(new Block("section", Text: new TextObject("mrkdwn", $"<{portalUrl}|Open in SpendOps>")));
        blocks.Add(new Block("context", Elements: [new TextObject("mrkdwn", $"Alert {notice.AlertId}")]));
        return new SlackMessage(headline, blocks);
    }

    /// <summary>Slack's mrkdwn reserves these three characters (https://api.slack.com/reference/surfaces/formatting#escaping).</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
