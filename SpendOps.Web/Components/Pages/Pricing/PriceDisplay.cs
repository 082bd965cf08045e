using System.Globalization;
using MudBlazor;
using SpendOps.Core.Pricing;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>How the pricing page shows rates, dates and row states.</summary>
internal static class PriceDisplay
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Provider names for filters and forms; an empty value means any provider.</summary>
    public static IReadOnlyList<string> Providers { get; } = Core.Providers.ProviderCatalog.All.Select(p => p.Name).ToList();

    /// <summary>The service tiers with their own prices; standard is stored as no tier.</summary>
    public static IReadOnlyList<string> Tiers { get; } = ["flex", "priority"];

    /// <summary>USD per million tokens (or per request), with at least cents and up to six more decimals.</summary>
    public static string Rate(decimal? value) => value is { } v ? v.ToString("$#,##0.00####", Culture) : "—";

    /// <summary>
    /// A price's start. A model's first price starts at <see cref="CatalogImporter.FirstPriceEffectiveFrom"/> so
    /// calls recorded before it was known are priced too; that reads better as "first price".
    /// </summary>
    public static string EffectiveFrom(DateTimeOffset from) =>
        from == CatalogImporter.FirstPriceEffectiveFrom ? "first price" : from.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Culture);

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Culture);

    public static string Source(PriceSource source) => source switch
    {
        PriceSource.Manual => "manual",
        PriceSource.Import => "import",
        _ => "catalog",
    };

    public static string State(PriceVersionState state) => state switch
    {
        PriceVersionState.InForce => "in force",
        PriceVersionState.Scheduled => "scheduled",
        _ => "replaced",
    };

    public static Color StateColor(PriceVersionState state) => state switch
    {
        PriceVersionState.InForce => Color.Success,
        PriceVersionState.Scheduled => Color.Info,
        _ => Color.Default,
    };

    /// <summary>A discount version's state as <see cref="DiscountList"/> names it.</summary>
    public static Color DiscountStateColor(string state) => state == "in force" ? Color.Success : Color.Default;

    public static string Percent(decimal value) => value.ToString("0.####", Culture) + " %";

    /// <summary>DateTimeOffset for a date picked in UTC (the pickers show UTC so prices read the same for every tenant).</summary>
    public static DateTimeOffset? FromUtcPicker(DateTime? picked) =>
        picked is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero) : null;

    /// <summary>The format of the browser's own date-and-time input, which the effective-date fields use.</summary>
    public const string PickerFormat = "yyyy-MM-ddTHH:mm";
}
