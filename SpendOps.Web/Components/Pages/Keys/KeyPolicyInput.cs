using System.ComponentModel.DataAnnotations;
using SpendOps.Core;
using SpendOps.Core.Keys;

namespace SpendOps.Web.Components.Pages.Keys;

/// <summary>
/// The key form's model: the policy as people type it (lists as text), converted to and from <see cref="KeyPolicy"/>.
/// Field checks reuse <see cref="KeyPolicyValidator"/>, so the form shows exactly the rule the service enforces.
/// </summary>
public sealed class KeyPolicyInput
{
    [Required(ErrorMessage = "Give the key a name, e.g. the team or app that uses it.")]
    [StringLength(100, ErrorMessage = "Key name must be 1 to 100 characters.")]
    public string Name { get; set; } = "";

    public IEnumerable<string> Providers { get; set; } = [];

    /// <summary>One pattern per line (or comma-separated): <c>gpt-4.1*</c>, <c>claude-*</c>.</summary>
    public string Models { get; set; } = "";

    /// <summary>Comma-separated dimension names: <c>user, team</c>.</summary>
    public string RequiredDims { get; set; } = "";

    /// <summary>One per line: <c>team</c> (any value) or <c>env=prod,staging</c> (only these values). Empty allows any dimension.</summary>
    public string AllowedDims { get; set; } = "";

    public bool InjectStreamUsage { get; set; }

    /// <summary>Null: the tenant's default.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Null: the tenant's default.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>The key stops working at the start of this day (UTC).</summary>
    public DateTime? ExpiresOn { get; set; }

    public static KeyPolicyInput From(ApiKeySummary key) => new()
    {
        Name = key.Name,
        Providers = key.Policy.AllowedProviders.ToList(),
        Models = string.Join('\n', key.Policy.AllowedModels),
        RequiredDims = string.Join(", ", key.Policy.RequiredDims),
        AllowedDims = key.Policy.AllowedDims is null ? "" : string.Join('\n', key.Policy.AllowedDims.Select(d => d.Value.Count == 0 ? d.Key : $"{d.Key}={string.Join(',', d.Value)}")),
        InjectStreamUsage = key.Policy.InjectStreamUsage,
        RequestsPerMinute = key.Policy.RequestsPerMinute,
        TokensPerMinute = key.Policy.TokensPerMinute,
        ExpiresOn = key.ExpiresAt?.UtcDateTime.Date,
    };

    public DateTimeOffset? ExpiresAt => ExpiresOn is { } day ? new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)) : null;

    /// <summary>The policy as typed; <see cref="ApiKeyService"/> normalizes and validates it again on save.</summary>
    public KeyPolicy ToPolicy() => new()
    {
        AllowedProviders = Providers.ToList(),
        AllowedModels = SplitList(Models),
        RequiredDims = SplitList(RequiredDims),
        AllowedDims = ParseAllowedDims(AllowedDims, out _),
        InjectStreamUsage = InjectStreamUsage,
        RequestsPerMinute = RequestsPerMinute,
        TokensPerMinute = TokensPerMinute,
    };

    /// <summary>Problems per field (property name, message); empty when the form can be saved.</summary>
    public IEnumerable<(string Field, string Message)> Validate(DateTimeOffset now)
    {
        if (Check(new KeyPolicy { AllowedProviders = Providers.ToList() }) is { } providers)
            yield return (nameof(Providers), providers);
        if (Check(new KeyPolicy { AllowedModels = SplitList(Models) }) is { } models)
            yield return (nameof(Models), models);
        if (Check(new KeyPolicy { RequiredDims = SplitList(RequiredDims) }) is { } required)
        {
            yield return (nameof(RequiredDims), required);
        }
        else
        {
            var allowed = ParseAllowedDims(AllowedDims, out var syntaxError);
            var dims = syntaxError ?? Check(new KeyPolicy { RequiredDims = SplitList(RequiredDims), AllowedDims = allowed });
            if (dims is not null)
                yield return (nameof(AllowedDims), dims);
        }
        if (Check(new KeyPolicy { RequestsPerMinute = RequestsPerMinute }) is { } requests)
            yield return (nameof(RequestsPerMinute), requests);
        if (Check(new KeyPolicy { TokensPerMinute = TokensPerMinute }) is { } tokens)
            yield return (nameof(TokensPerMinute), tokens);
        if (ExpiresAt is { } expires && expires <= now)
            yield return (nameof(ExpiresOn), "Choose a day after today, or leave empty for a key that does not expire.");
    }

    private static string? Check(KeyPolicy policy)
    {
        try
        {
            KeyPolicyValidator.Normalize(policy);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private static List<string> SplitList(string text) =>
        text.Split([',', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Dictionary<string, IReadOnlyList<string>>? ParseAllowedDims(string text, out string? error)
    {
        error = null;
        var lines = text.Split(['\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
            return null;
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var split = line.IndexOf('=');
            var name = (split < 0 ? line : line[..split]).Trim();
            var values = split < 0 ? [] : line[(split + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            if (name.Length == 0)
            {
                error = $"'{line}' has no dimension name: write 'team' or 'env=prod,staging'.";
                return null;
            }
            if (!result.TryAdd(name, values))
            {
                error = $"Dimension '{name}' is listed twice: put all its values on one line.";
                return null;
            }
        }
        return result;
    }
}
