namespace SpendOps.Core.Usage;

/// <summary>A half-open period [<see cref="From"/>, <see cref="To"/>) of UTC instants, with the local dates it covers.</summary>
public sealed record SpendPeriod(DateTimeOffset From, DateTimeOffset To, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>
    /// Resolves a dashboard period at <paramref name="now"/> in <paramref name="calendar"/>'s time zone. Periods end at
    /// the next local midnight (not at <paramref name="now"/>), so they equal <c>usage summary --from --to</c> over
    /// the same dates. <paramref name="customFirst"/> and <paramref name="customLast"/> are used for <see cref="SpendPeriodKind.Custom"/>.
    /// </summary>
    public static SpendPeriod Resolve(SpendPeriodKind kind, TenantCalendar calendar, DateTimeOffset now, DateOnly? customFirst = null, DateOnly? customLast = null)
    {
        var today = calendar.DateOf(now);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var (first, last) = kind switch
        {
            SpendPeriodKind.Today => (today, today),
            SpendPeriodKind.Last7Days => (today.AddDays(-6), today),
            SpendPeriodKind.ThisMonth => (monthStart, monthStart.AddMonths(1).AddDays(-1)),
            SpendPeriodKind.LastMonth => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            SpendPeriodKind.Custom => (customFirst ?? today, customLast ?? customFirst ?? today),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (last < first)
            (first, last) = (last, first);
        return new SpendPeriod(calendar.StartOfDay(first), calendar.StartOfDay(last.AddDays(1)), first, last);
    }
}
