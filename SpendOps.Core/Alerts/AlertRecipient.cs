using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Where a budget's alerts go, written <c>webhook:URL</c>, <c>slack:URL</c> or <c>email:ADDRESS</c> in the CLI, the
/// portal and the database, so one string round-trips through all three.
/// </summary>
public sealed record AlertRecipient(AlertChannelKind Kind, string Target)
{
    public static AlertRecipient Parse(string text) =>
        TryParse(text, out var recipient, out var error) ? recipient : throw new DomainException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out AlertRecipient? recipient, [NotNullWhen(false)] out string? error)
    {
        recipient = null;
        var trimmed = text?.Trim() ?? "";
        var colon = trimmed.IndexOf(':');
        var kind = colon > 0 ? trimmed[..colon].ToLowerInvariant() : "";
        var target = colon > 0 ? trimmed[(colon + 1)..].Trim() : "";
        switch (kind)
        {
            case "webhook" or "slack" when IsHttpUrl(target):
                recipient = new AlertRecipient(kind == "slack" ? AlertChannelKind.Slack : AlertChannelKind.Webhook, target);
                break;
            case "webhook" or "slack":
                error = $"Invalid recipient '{trimmed}': {kind}: needs an absolute http or https URL.";
                return false;
            case "email" when MailAddress.TryCreate(target, out var address) && address.Address == target:
                recipient = new AlertRecipient(AlertChannelKind.Email, target);
                break;
            case "email":
                error = $"Invalid recipient '{trimmed}': email: needs one address such as email:lead@example.com.";
                return false;
            default:
                error = $"Invalid recipient '{trimmed}': write webhook:URL, slack:URL or email:ADDRESS.";
                return false;
        }
        error = null;
        return true;
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Target}";

    /// <summary>
    /// For logs and the delivery log: e-mail addresses whole, URLs cut to scheme and host, because a webhook URL's path
    /// or query is often its credential (Slack's incoming webhooks are).
    /// </summary>
    public string Display => Kind == AlertChannelKind.Email || !Uri.TryCreate(Target, UriKind.Absolute, out var uri)
        ? ToString()
        : $"{Kind.ToString().ToLowerInvariant()}:{uri.Scheme}://{uri.Authority}/…";

    private static bool IsHttpUrl(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
