using System.Globalization;
using SpendOps.Core.Chargeback;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Web.Components.Pages.Chargeback;

/// <summary>
/// What the downloads of a view hold and roughly how large they are, said before the download starts: the files are
/// streamed (no Content-Length), so the browser's download bar shows bytes received but not how many are to come.
/// </summary>
internal static class ChargebackExportSize
{
    /// <summary>Bytes per call of the Excel <c>Calls</c> sheet (compressed) and of the FOCUS file (about two rows a call): <c>bench/export.sh</c> measured about 100 and 1,270, rounded up.</summary>
    public const int XlsxBytesPerCall = 110, FocusBytesPerCall = 1400;

    public static string Describe(ChargebackReport report)
    {
        var calls = report.Total.Calls;
        return $"{UsageDisplay.Count(calls)} call(s) in this view: the CSV holds its {UsageDisplay.Count(report.Rows.Count)} row(s); "
            + $"Excel lists every call, about {Size(calls * XlsxBytesPerCall + 8_000)}; FOCUS about {Size(calls * FocusBytesPerCall + 1_000)}.";
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1_000_000 => $"{Math.Max(1, bytes / 1000).ToString(CultureInfo.InvariantCulture)} KB",
        < 10_000_000 => $"{(bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1e6).ToString("#,##0", CultureInfo.InvariantCulture)} MB",
    };
}
