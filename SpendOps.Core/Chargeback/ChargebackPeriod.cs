using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// A chargeback period [<see cref="From"/>, <see cref="To"/>) as UTC instants, built from local dates in the tenant's
/// time zone: a month, a quarter or any range of days.
/// </summary>
public sealed record ChargebackPeriod(DateTimeOffset From, DateTimeOffset To, DateOnly FirstDay, DateOnly EndDay)
{
    /// <summary>The days [<paramref name="first"/>, <paramref name="end"/>), local midnight to local midnight.</summary>
    public static ChargebackPeriod Days(TenantCalendar calendar, DateOnly first, DateOnly end)
    {
        if (end <= first)
            throw new DomainException("The period must end after it starts.");
        return new ChargebackPeriod(calendar.StartOfDay(first), calendar.StartOfDay(end), first, end);
    }

    public static ChargebackPeriod Month(TenantCalendar calendar, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return Days(calendar, first, first.AddMonths(1));
    }

    public static ChargebackPeriod Quarter(TenantCalendar calendar, int year, int quarter)
    {
        var first = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return Days(calendar, first, first.AddMonths(3));
    }

    /// <summary>The calendar month before the one <paramref name="now"/> falls in, in the tenant's zone: the default view.</summary>
    public static ChargebackPeriod LastMonth(TenantCalendar calendar, DateTimeOffset now)
    {
        var today = calendar.DateOf(now);
        var previous = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return Month(calendar, previous.Year, previous.Month);
    }

    /// <summary>
    /// The period the change column compares with: as many whole months before when the period is whole months (a
    /// quarter is compared with the quarter before), else as many days before.
    /// </summary>
    public ChargebackPeriod Previous(TenantCalendar calendar)
    {
        if (FirstDay.Day == 1 && EndDay.Day == 1)
        {
            var months = (EndDay.Year - FirstDay.Year) * 12 + EndDay.Month - FirstDay.Month;
            return Days(calendar, FirstDay.AddMonths(-months), FirstDay);
        }
        var days = EndDay.DayNumber - FirstDay.DayNumber;
        return Days(calendar, FirstDay.AddDays(-days), FirstDay);
    }

    /// <summary>The last day the period covers (its end is exclusive).</summary>
    public DateOnly LastDay => EndDay.AddDays(-1);
}
