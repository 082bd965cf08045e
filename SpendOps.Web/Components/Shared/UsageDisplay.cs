using System.Globalization;
using MudBlazor;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Components.Shared;

/// <summary>How the portal shows money, tokens, times and record states, the same on every page.</summary>
internal static class UsageDisplay
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Dollars with cents; amounts under a cent keep up to six decimals so a cheap call does not read $0.00.</summary>
    public static string Usd(decimal value) =>
        value != 0 && Math.Abs(value) < 0.01m ? "$" + value.ToString("0.######", Culture) : value.ToString("$#,##0.00;-$#,##0.00", Culture);

    public static string Usd(decimal? value) => value is { } v ? Usd(v) : "—";

    /// <summary>Dollars to the millionth, for lists of single calls where most cost less than a cent.</summary>
    public static string PreciseUsd(decimal? value) => value is { } v ? v.ToString("$#,##0.00####;-$#,##0.00####", Culture) : "—";

    /// <summary>Exact dollars as exported (<see cref="UsageExporter.Money"/>), for detail views.</summary>
    public static string ExactUsd(decimal? value) => value is { } v ? "$" + UsageExporter.Money(v) : "—";

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Percent(double rate) => rate.ToString("0.0%", Culture);

    public static string Time(DateTimeOffset instant, TenantCalendar calendar) =>
        calendar.ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", Culture);

    public static string PricingStatusName(PricingStatus status) => status switch
    {
        PricingStatus.Priced => "priced",
        PricingStatus.Reported => "reported",
        PricingStatus.Pending => "pending",
        PricingStatus.NotBillable => "not billable",
        PricingStatus.UsageUnknown => "usage unknown",
        _ => "unpriced",
    };

    /// <summary>The badge colour of a pricing status: priced is fine, reported is information, the rest need a price.</summary>
    public static Color PricingStatusStyle(PricingStatus status) => status switch
    {
        PricingStatus.Priced => Color.Success,
        PricingStatus.Reported => Color.Info,
        PricingStatus.NotBillable => Color.Default,
        _ => Color.Warning,
    };

    /// <summary>Where a record's cost came from (catalog, tenant price, reported), or its pricing status when it has none.</summary>
    public static string CostOrigin(PricingStatus status, CostSource? source) => source switch
    {
        CostSource.Catalog => "catalog",
        CostSource.TenantPrice => "tenant price",
        CostSource.Reported => "reported",
        _ => PricingStatusName(status),
    };

    /// <summary>The badge colour of an HTTP status: success, the caller's error, or the provider's (or our) failure.</summary>
    public static Color StatusStyle(int statusCode) => statusCode switch
    {
        >= 200 and < 300 => Color.Success,
        >= 400 and < 500 => Color.Warning,
        _ => Color.Error,
    };

    public static string Dims(IReadOnlyDictionary<string, string> dims) =>
        string.Join(", ", dims.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
}
