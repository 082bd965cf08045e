using System.Text.RegularExpressions;
using SpendOps.Core.Providers;

namespace SpendOps.Core.Pricing;

/// <summary>
/// The catalog keys to try, in order, for a model a provider reported: the name as is; with the provider's
/// catalog prefix (<c>groq/llama-3.3-70b-versatile</c>, <c>gemini/gemini-2.5-flash</c>, and OpenRouter's
/// <c>anthropic/claude-sonnet-4.5</c> → <c>openrouter/anthropic/claude-sonnet-4.5</c>); then both again without a
/// dated snapshot suffix (<c>gpt-4.1-2025-04-14</c> → <c>gpt-4.1</c>, <c>claude-sonnet-4-5-20250929</c> → <c>claude-sonnet-4-5</c>).
/// </summary>
internal static partial class PriceKeyCandidates
{
    public static IReadOnlyList<string> For(string provider, string model)
    {
        model = model.Trim();
        var prefix = ProviderCatalog.Find(provider)?.PriceKeyPrefix;
        var keys = new List<string>(4);
        AddWithPrefix(keys, model, prefix);
        if (WithoutDateSuffix(model) is { } undated)
            AddWithPrefix(keys, undated, prefix);
        return keys;
    }

    /// <summary>
    /// Only full dates (<c>-YYYY-MM-DD</c>, <c>-YYYYMMDD</c>) are snapshot suffixes. Shorter ones such as Mistral's
    /// <c>-2411</c> or Gemini's <c>-preview-05-20</c> name different models with their own prices, so they are kept.
    /// </summary>
    public static string? WithoutDateSuffix(string model)
    {
        // EnumerateMatches, not Match: no Match object for every record the writer prices.
        foreach (var match in DateSuffix().EnumerateMatches(model))
            return match.Index > 0 ? model[..match.Index] : null;
        return null;
    }

    private static void AddWithPrefix(List<string> keys, string key, string? prefix)
    {
        AddDistinct(keys, key);
        if (prefix is not null && !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            AddDistinct(keys, prefix + key);
    }

    private static void AddDistinct(List<string> keys, string key)
    {
        if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            keys.Add(key);
    }

    [GeneratedRegex(@"-(?:20\d{2}-\d{2}-\d{2}|20\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
