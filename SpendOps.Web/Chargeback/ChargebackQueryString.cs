using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Chargeback;

/// <summary>
/// A chargeback view in a URL, shared by the page and its downloads, so a link or a bookmark shows what a download of
/// it contains. The tenant is never in the URL: it comes from the signed-in user.
/// </summary>
/// <remarks>
/// <c>period=2026-11</c> or <c>period=2026-Q4</c>, or <c>from=2026-11-01&amp;to=2026-11-16</c> (local days, <c>to</c> not
/// included); without any, last month. <c>by=dim:team,model</c> as in <c>reports chargeback --by</c> (default: model).
/// <c>allocate=none|proportional|owner:VALUE</c>. A bad value is reported and left out, never a failure.
/// </remarks>
public static class ChargebackQueryString
{
    public static (ChargebackView View, IReadOnlyList<string> Errors) Parse(string uri, TenantCalendar calendar, DateTimeOffset now)
    {
        var start = uri.IndexOf('?');
        var end = uri.IndexOf('#');
        var query = start < 0 ? "" : end > start ? uri[start..end] : uri[start..];
        return Parse(QueryHelpers.ParseQuery(query), calendar, now);
    }

    public static (ChargebackView View, IReadOnlyList<string> Errors) Parse(IEnumerable<KeyValuePair<string, StringValues>> query, TenantCalendar calendar, DateTimeOffset now)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        string? Text(string name) => values.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim() : null;

        var period = ReadPeriod(Text("period"), Text("from"), Text("to"), errors) ?? ChargebackPeriodChoice.LastMonth(calendar, now);

        var keys = ChargebackView.DefaultKeys;
        if (Text("by") is { } by)
        {
            if (ChargebackKey.TryParseList(by, out var parsed, out var error))
                keys = parsed;
            else
                errors.Add($"'by': {error}.");
        }

        var allocation = ChargebackAllocation.None;
        if (Text("allocate") is { } allocate && !ChargebackAllocation.TryParse(allocate, out allocation))
            errors.Add($"'allocate={allocate}' is not none, proportional or owner:VALUE.");

        return (new ChargebackView(period, keys, allocation), errors);
    }

    /// <summary>The query string (with its leading <c>?</c>) that reproduces a view.</summary>
    public static string Format(ChargebackView view, params (string Name, string? Value)[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (view.Period.PeriodText is { } text)
            pairs.Add(new("period", text));
        else
        {
            pairs.Add(new("from", Day(view.Period.First)));
            pairs.Add(new("to", Day(view.Period.End)));
        }
        pairs.Add(new("by", string.Join(',', view.Keys)));
        if (view.Allocation.Kind != ChargebackAllocationKind.None)
            pairs.Add(new("allocate", view.Allocation.ToString()));
        pairs.AddRange(extra.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)));
        return QueryString.Create(pairs).ToUriComponent();
    }

    private static ChargebackPeriodChoice? ReadPeriod(string? period, string? from, string? to, List<string> errors)
    {
        if (period is not null)
        {
            if (ChargebackPeriodChoice.TryParsePeriod(period, out var choice))
                return choice;
            errors.Add($"'period={period}' is not a month (2026-11) or a quarter (2026-Q4).");
            return null;
        }
        if (from is null && to is null)
            return null;
        DateOnly? Read(string name, string? value)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return day;
            errors.Add($"'{name}' must be a day (YYYY-MM-DD); 'from' and 'to' go together.");
            return null;
        }
        var first = Read("from", from);
        var end = Read("to", to);
        if (first is null || end is null)
            return null;
        if (first.Value.Year < 2000 || end.Value.Year > 2999)
        {
            errors.Add("'from' and 'to' must be days between the years 2000 and 2999.");
            return null;
        }
        if (end <= first)
        {
            errors.Add("'to' must be after 'from' ('to' is the first day not included).");
            return null;
        }
        return new ChargebackPeriodChoice(ChargebackPeriodKind.Range, first.Value, end.Value);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
