using System.Globalization;
using Radzen;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Usage;

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

    public static BadgeStyle PricingStatusStyle(PricingStatus status) => status switch
    {
        PricingStatus.Priced => BadgeStyle.Success,
        PricingStatus.Reported => BadgeStyle.Info,
        PricingStatus.NotBillable => BadgeStyle.Light,
        _ => BadgeStyle.Warning,
    };

    /// <summary>Where a record's cost came from (catalog, tenant price, reported), or its pricing status when it has none.</summary>
    public static string CostOrigin(PricingStatus status, CostSource? source) => source switch
    {
        CostSource.Catalog => "catalog",
        CostSource.TenantPrice => "tenant price",
        CostSource.Reported => "reported",
        _ => PricingStatusName(status),
    };

    public static BadgeStyle StatusStyle(int statusCode) => statusCode switch
    {
        >= 200 and < 300 => BadgeStyle.Success,
        >= 400 and < 500 => BadgeStyle.Warning,
        _ => BadgeStyle.Danger,
    };

    public static string Dims(IReadOnlyDictionary<string, string> dims) =>
        string.Join(", ", dims.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
}
