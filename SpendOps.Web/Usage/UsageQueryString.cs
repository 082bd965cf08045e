using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Usage;

/// <summary>
/// A usage filter in a URL, shared by the explorer, the dashboard's links and the export endpoint, so a link or a
/// bookmark shows the same records that an export of it contains. The tenant is never in the URL: it comes from
/// the signed-in user.
/// </summary>
/// <remarks>
/// <c>from</c>/<c>to</c> are ISO 8601 instants, the half-open period [from, to) as in <c>usage export</c>;
/// <c>dim=team:backend</c> repeats (dimension names cannot contain a colon); <c>status</c> is the status class
/// 2, 4 or 5; <c>pricing</c> is priced, unpriced (which includes pending, as the summary counts it), pending or
/// not_billable; <c>complete</c>, <c>estimated</c> are true or false; <c>source</c> is proxy or telemetry.
/// </remarks>
internal static class UsageQueryString
{
    public static UsageQuery Parse(string uri)
    {
        var start = uri.IndexOf('?');
        var end = uri.IndexOf('#');
        var query = start < 0 ? "" : end > start ? uri[start..end] : uri[start..];
        return Parse(QueryHelpers.ParseQuery(query));
    }

    public static UsageQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        string? Text(string name) => values.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim() : null;

        DateTimeOffset? Instant(string name)
        {
            if (Text(name) is not { } text)
                return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return parsed.ToUniversalTime();
            errors.Add($"'{name}' is not an ISO 8601 date or time (e.g. 2026-11-01 or 2026-11-01T05:00:00Z).");
            return null;
        }

        bool? Flag(string name)
        {
            var text = Text(name);
            if (text is null)
                return null;
            if (bool.TryParse(text, out var flag))
                return flag;
            errors.Add($"'{name}' must be true or false.");
            return null;
        }

        var filter = new UsageFilter
        {
            From = Instant("from"),
            To = Instant("to"),
            ApiKeyId = Text("key"),
            Provider = Text("provider")?.ToLowerInvariant(),
            Model = Text("model"),
            Estimated = Flag("estimated"),
            UsageComplete = Flag("complete"),
        };
        if (filter.From is { } from && filter.To is { } to && to <= from)
            errors.Add("'to' must be after 'from'.");

        switch (Text("source")?.ToLowerInvariant())
        {
            case null: break;
            case "proxy": filter = filter with { Source = UsageSource.Proxy }; break;
            case "telemetry": filter = filter with { Source = UsageSource.Telemetry }; break;
            default: errors.Add("'source' must be proxy or telemetry."); break;
        }

        switch (Text("status"))
        {
            case null: break;
            case "2" or "4" or "5" or "2xx" or "4xx" or "5xx": filter = filter with { StatusClass = Text("status")![0] - '0' }; break;
            default: errors.Add("'status' must be 2, 4 or 5 (the status class)."); break;
        }

        switch (Text("pricing")?.ToLowerInvariant())
        {
            case null: break;
            case "priced": filter = filter with { PricingStatus = PricingStatus.Priced }; break;
            case "reported": filter = filter with { PricingStatus = PricingStatus.Reported }; break;
            case "unpriced": filter = filter with { Unpriced = true }; break;
            case "pending": filter = filter with { PricingStatus = PricingStatus.Pending }; break;
            case "not_billable": filter = filter with { PricingStatus = PricingStatus.NotBillable }; break;
            default: errors.Add("'pricing' must be priced, reported, unpriced, pending or not_billable."); break;
        }

        var dims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dim in values.TryGetValue("dim", out var d) ? d.ToArray() : [])
        {
            var colon = dim?.IndexOf(':') ?? -1;
            var name = colon > 0 ? dim![..colon].Trim() : "";
            var value = colon > 0 ? dim![(colon + 1)..].Trim() : "";
            if (!Dimensions.IsValidName(name) || !Dimensions.IsValidValue(value))
                errors.Add($"'dim={dim}' is not NAME:VALUE with a valid dimension name and value.");
            else
                dims[Dimensions.Normalize(name)] = value;
        }
        if (dims.Count > 0)
            filter = filter with { Dims = dims };

        return new UsageQuery(filter, errors);
    }

    /// <summary>The query string (with its leading <c>?</c>, or empty) for a filter; the tenant is left out.</summary>
    public static string Format(UsageFilter filter, params (string Name, string? Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (value is not null)
                pairs.Add(new(name, value));
        }

        Add("from", filter.From?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Add("to", filter.To?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Add("key", filter.ApiKeyId);
        Add("provider", filter.Provider);
        Add("model", filter.Model);
        foreach (var (name, value) in (filter.Dims ?? new Dictionary<string, string>()).OrderBy(d => d.Key, StringComparer.Ordinal))
            Add("dim", $"{name}:{value}");
        Add("status", filter.StatusClass?.ToString(CultureInfo.InvariantCulture));
        Add("source", filter.Source switch { UsageSource.Proxy => "proxy", UsageSource.Telemetry => "telemetry", _ => null });
        Add("estimated", filter.Estimated is { } e ? (e ? "true" : "false") : null);
        Add("pricing", filter.Unpriced == true ? "unpriced" : filter.PricingStatus switch
        {
            PricingStatus.Priced => "priced",
            PricingStatus.Reported => "reported",
            PricingStatus.Pending => "pending",
            PricingStatus.NotBillable => "not_billable",
            PricingStatus.Unpriced => "unpriced",
            _ => null,
        });
        Add("complete", filter.UsageComplete is { } c ? (c ? "true" : "false") : null);
        foreach (var (name, value) in extra)
            Add(name, value);
        return QueryString.Create(pairs).ToUriComponent();
    }
}
