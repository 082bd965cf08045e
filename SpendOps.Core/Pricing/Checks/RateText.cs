using System.Globalization;

namespace SpendOps.Core.Pricing.Checks;

/// <summary>How the checks write rates and factors into the text they store and show.</summary>
internal static class RateText
{
    public static string Usd(decimal value) => "$" + value.ToString("#,##0.00########", CultureInfo.InvariantCulture);

    public static string Factor(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
