using System.Globalization;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Chargeback;

/// <summary>
/// A chargeback period as the address names it: <c>period=2026-11</c>, <c>period=2026-Q4</c> or
/// <c>from=2026-11-01&amp;to=2026-11-16</c> (local days in the tenant's zone, <c>to</c> not included).
/// </summary>
public sealed record ChargebackPeriodChoice(ChargebackPeriodKind Kind, DateOnly First, DateOnly End)
{
    public static ChargebackPeriodChoice Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new(ChargebackPeriodKind.Month, first, first.AddMonths(1));
    }

    public static ChargebackPeriodChoice Quarter(int year, int quarter)
    {
        var first = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(ChargebackPeriodKind.Quarter, first, first.AddMonths(3));
    }

    /// <summary>The month before the one <paramref name="now"/> falls in, in the tenant's zone: the default view.</summary>
    public static ChargebackPeriodChoice LastMonth(TenantCalendar calendar, DateTimeOffset now)
    {
        var period = ChargebackPeriod.LastMonth(calendar, now);
        return Month(period.FirstDay.Year, period.FirstDay.Month);
    }

    public int QuarterNumber => (First.Month - 1) / 3 + 1;

    public ChargebackPeriod Resolve(TenantCalendar calendar) => ChargebackPeriod.Days(calendar, First, End);

    /// <summary>The value of <c>period</c> (null for a range, which uses <c>from</c> and <c>to</c>).</summary>
    public string? PeriodText => Kind switch
    {
        ChargebackPeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ChargebackPeriodKind.Quarter => $"{First.Year.ToString(CultureInfo.InvariantCulture)}-Q{QuarterNumber.ToString(CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>The period as a file name part: <c>2026-11</c>, <c>2026-Q4</c>, <c>2026-11-01_2026-11-15</c> (last day included).</summary>
    public string FileText => PeriodText ?? $"{First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{End.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Parses a <c>period</c> value: <c>YYYY-MM</c> or <c>YYYY-Qn</c>.</summary>
    public static bool TryParsePeriod(string text, out ChargebackPeriodChoice choice)
    {
        choice = null!;
        if (text.Length == 7 && (text[5] is 'Q' or 'q') && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && text[4] == '-' && text[6] is >= '1' and <= '4' && year >= 2000)
        {
            choice = Quarter(year, text[6] - '0');
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000)
        {
            choice = Month(month.Year, month.Month);
            return true;
        }
        return false;
    }
}
