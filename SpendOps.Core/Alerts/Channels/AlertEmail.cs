using System.Net;
using System.Text;
using MimeKit;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>An alert as an e-mail: the headline as subject, the facts as plain text and as a small HTML table.</summary>
internal static class AlertEmail
{
    public const string AlertIdHeader = "X-SpendOps-Alert-Id";

    public static MimeMessage Compose(AlertNotice notice, string from, string to, Guid deliveryId, string? portalUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = AlertText.Subject(notice);
        message.Date = notice.RaisedAt;
        // One id per recipient, stable across retries: a mail server that got the message before a timeout drops the copy.
        message.MessageId = $"{deliveryId:N}@spendops.alerts";
        message.Headers.Add(AlertIdHeader, notice.AlertId.ToString());
        message.Body = new BodyBuilder { TextBody = Text(notice, portalUrl), HtmlBody = Html(notice, portalUrl) }.ToMessageBody();
        return message;
    }

    private static string Text(AlertNotice notice, string? portalUrl)
    {
        var text = new StringBuilder().Append(AlertText.Headline(notice)).Append('.').AppendLine().AppendLine();
        foreach (var (label, value) in AlertText.Facts(notice))
            text.Append(label).Append(": ").AppendLine(value);
        if (portalUrl is not null)
            text.AppendLine().Append("Open in SpendOps: ").AppendLine(portalUrl);
        return text.AppendLine().Append("Alert ").Append(notice.AlertId).AppendLine().ToString();
    }

    private static string Html(AlertNotice notice, string? portalUrl)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family: sans-serif; color: #1f2933\">")
            .Append("<h2 style=\"font-size: 18px\">").Append(Encode(AlertText.Headline(notice))).Append("</h2>")
            .Append("<table cellpadding=\"4\" style=\"border-collapse: collapse\">");
        foreach (var (label, value) in AlertText.Facts(notice))
            html.Append("<tr><th align=\"left\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        html.Append("</table>");
        if (portalUrl is not null)
            html.Append("<p><a href=\"").Append(Encode(portalUrl)).Append("\">Open in SpendOps</a></p>");
        return html.Append("<p style=\"color: #6b7280; font-size: 12px\">Alert ").Append(notice.AlertId).Append("</p></body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
