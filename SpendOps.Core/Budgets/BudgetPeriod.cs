using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// One period of a budget: [<see cref="Start"/>, <see cref="End"/>) as UTC instants, from local midnight of
/// <see cref="FirstDay"/> to local midnight after <see cref="LastDay"/> in the tenant's time zone. A period that
/// contains a daylight-saving change is an hour (Lord Howe: half an hour) shorter or longer than its days suggest.
/// </summary>
public sealed record BudgetPeriod(DateTimeOffset Start, DateTimeOffset End, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>The period of <paramref name="budget"/> that contains <paramref name="instant"/>.</summary>
    public static BudgetPeriod Containing(Budget budget, TenantCalendar calendar, DateTimeOffset instant) =>
        Containing(budget.Period, budget.RollingDays, budget.AnchorDate, calendar, instant);

    public static BudgetPeriod Containing(BudgetPeriodKind kind, int? rollingDays, DateOnly anchor, TenantCalendar calendar, DateTimeOffset instant)
    {
        var today = calendar.DateOf(instant);
        var first = kind switch
        {
            BudgetPeriodKind.Day => today,
            BudgetPeriodKind.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            BudgetPeriodKind.Month => new DateOnly(today.Year, today.Month, 1),
            BudgetPeriodKind.Quarter => new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1),
            BudgetPeriodKind.Rolling => RollingStart(today, anchor, RollingLength(rollingDays)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var next = NextStart(kind, rollingDays, first);
        return new BudgetPeriod(calendar.StartOfDay(first), calendar.StartOfDay(next), first, next.AddDays(-1));
    }

    /// <summary>The <paramref name="count"/> periods before the one containing <paramref name="instant"/>, newest first.</summary>
    public static IReadOnlyList<BudgetPeriod> Previous(Budget budget, TenantCalendar calendar, DateTimeOffset instant, int count)
    {
        var periods = new List<BudgetPeriod>(count);
        var period = Containing(budget, calendar, instant);
        for (var i = 0; i < count; i++)
        {
            // The instant just before this period's start lies in the previous one, whatever its length.
            period = Containing(budget, calendar, period.Start.AddTicks(-1));
            periods.Add(period);
        }
        return periods;
    }

    private static DateOnly NextStart(BudgetPeriodKind kind, int? rollingDays, DateOnly first) => kind switch
    {
        BudgetPeriodKind.Day => first.AddDays(1),
        BudgetPeriodKind.Week => first.AddDays(7),
        BudgetPeriodKind.Month => first.AddMonths(1),
        BudgetPeriodKind.Quarter => first.AddMonths(3),
        _ => first.AddDays(RollingLength(rollingDays)),
    };

    /// <summary>Periods of <paramref name="length"/> days tile the calendar from the anchor, before and after it.</summary>
    private static DateOnly RollingStart(DateOnly today, DateOnly anchor, int length)
    {
        var offset = today.DayNumber - anchor.DayNumber;
        var periods = (int)Math.Floor(offset / (double)length);
        return anchor.AddDays(periods * length);
    }

    private static int RollingLength(int? rollingDays) =>
        rollingDays is >= 1 and <= BudgetPeriodText.MaxRollingDays ? rollingDays.Value : throw new ArgumentOutOfRangeException(nameof(rollingDays));
}
