using Microsoft.AspNetCore.Http;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Reads attribution dimensions from <c>X-ASO-Dims: team=backend,app=chatbot</c> and from LiteLLM's headers
/// (<c>x-litellm-tags: project:acme,env:prod</c>, <c>x-litellm-customer-id</c>, <c>x-litellm-end-user-id</c>).
/// <c>X-ASO-Dims</c> wins when both name the same dimension. Errors say exactly what to fix.
/// </summary>
public static class DimsParser
{
    /// <summary>Dimension that LiteLLM's customer and end-user headers map to.</summary>
    public const string CustomerDimension = "customer";

    /// <summary>Dimension collecting LiteLLM tags that are not <c>name:value</c> pairs.</summary>
    public const string TagsDimension = "tags";

    public static bool TryParse(IHeaderDictionary headers, out Dictionary<string, string> dims, out string? error)
    {
        dims = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        var aso = headers[ProxyHeaders.Dims];
        if (aso.Count > 0 && !TryParseList(Joined(aso), '=', ProxyHeaders.Dims, dims, bareTags: null, out error))
            return false;

        var litellmTags = headers[ProxyHeaders.LiteLlmTags];
        var customer = headers[ProxyHeaders.LiteLlmCustomerId];
        var endUser = headers[ProxyHeaders.LiteLlmEndUserId];
        if (litellmTags.Count == 0 && customer.Count == 0 && endUser.Count == 0)
            return true;

        var fromLiteLlm = new Dictionary<string, string>(StringComparer.Ordinal);
        var bare = new List<string>();
        if (litellmTags.Count > 0 && !TryParseList(Joined(litellmTags), ':', ProxyHeaders.LiteLlmTags, fromLiteLlm, bare, out error))
            return false;
        if (bare.Count > 0 && UsageText.Clean(string.Join(',', bare), Dimensions.MaxValueLength) is { } tags)
            fromLiteLlm.TryAdd(TagsDimension, tags);
        foreach (var (values, name) in new[] { (customer, ProxyHeaders.LiteLlmCustomerId), (endUser, ProxyHeaders.LiteLlmEndUserId) })
        {
            if (HasConflictingValues(values))
            {
                error = $"AI SpendOps: Invalid {name}: sent more than once with different values; send it once";
                return false;
            }
        }
        var customerValue = FirstNonEmpty(customer) ?? FirstNonEmpty(endUser);
        if (customerValue is not null)
        {
            if (!Dimensions.IsValidValue(customerValue))
            {
                error = $"AI SpendOps: Invalid {ProxyHeaders.LiteLlmCustomerId}: the value must be 1 to {Dimensions.MaxValueLength} printable characters";
                return false;
            }
            fromLiteLlm.TryAdd(CustomerDimension, customerValue);
        }

        foreach (var (name, value) in fromLiteLlm)
            dims.TryAdd(name, value);
        if (dims.Count > Dimensions.MaxCount)
        {
            error = $"AI SpendOps: Invalid {ProxyHeaders.Dims}: at most {Dimensions.MaxCount} dimensions per request";
            return false;
        }
        return true;
    }

    /// <remarks>Over spans: every proxied call carries dimensions, and only the names and values kept become strings.</remarks>
    private static bool TryParseList(string header, char separator, string headerName, Dictionary<string, string> into, List<string>? bareTags, out string? error)
    {
        error = null;
        var text = header.AsSpan();
        foreach (var range in text.Split(','))
        {
            var rawPair = text[range].Trim();
            if (rawPair.IsEmpty)
                continue;
            var split = rawPair.IndexOf(separator);
            if (split < 0)
            {
                if (bareTags is not null && Dimensions.IsValidValue(rawPair))
                {
                    bareTags.Add(rawPair.ToString());
                    continue;
                }
                error = $"AI SpendOps: Invalid {headerName}: '{Shorten(rawPair.ToString())}' is not name{separator}value (expected e.g. team{separator}backend,env{separator}prod)";
                return false;
            }
            var name = rawPair[..split].Trim();
            var value = rawPair[(split + 1)..].Trim();
            if (!Dimensions.IsValidName(name))
            {
                error = $"AI SpendOps: Invalid {headerName}: dimension name '{Shorten(name.ToString())}' must be 1 to {Dimensions.MaxNameLength} letters, digits, '_', '-' or '.'";
                return false;
            }
            if (!Dimensions.IsValidValue(value))
            {
                error = value.Length == 0
                    ? $"AI SpendOps: Invalid {headerName}: dimension '{name}' has an empty value"
                    : $"AI SpendOps: Invalid {headerName}: the value of '{name}' must be at most {Dimensions.MaxValueLength} printable characters";
                return false;
            }
            if (!into.TryAdd(Dimensions.Normalize(name), value.ToString()))
            {
                error = $"AI SpendOps: Invalid {headerName}: dimension '{name}' is given twice";
                return false;
            }
            if (into.Count > Dimensions.MaxCount)
            {
                error = $"AI SpendOps: Invalid {headerName}: at most {Dimensions.MaxCount} dimensions per request";
                return false;
            }
        }
        return true;
    }

    /// <summary>A header sent several times as one comma-separated list; the one value as is when sent once (nearly always).</summary>
    private static string Joined(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] ?? "" : string.Join(',', values.ToArray());

    private static bool HasConflictingValues(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).Skip(1).Any();

    private static string? FirstNonEmpty(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
                return value.Trim();
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
