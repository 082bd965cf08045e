using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// The spend projected to a period's end at the period's run rate so far, and whether the projection is solid
/// enough to alert on.
/// </summary>
/// <remarks>
/// The rate is spend over the elapsed part of the period measured in local wall-clock time, like the dashboard's
/// month-end forecast (<see cref="SpendForecast"/>): a month budget over the whole tenant projects the dashboard's
/// number. The divisor is at least a day, or a quarter of the period for periods shorter than four days, so a burst in
/// the first minutes is not multiplied by thousands.
/// <para>
/// A forecast alert waits until a quarter of the period or two days have passed, whichever comes first (a day budget:
/// 06:00; a week: Wednesday 18:00; a month or quarter: the 3rd at midnight). Earlier, one busy hour decides the
/// projection and the alert would be noise.
/// </para>
/// </remarks>
public static class BudgetForecast
{
    private static readonly TimeSpan MinimumDivisor = TimeSpan.FromDays(1);
    private static readonly TimeSpan AlertAfterAtMost = TimeSpan.FromDays(2);

    public static decimal PeriodEnd(decimal spend, BudgetPeriod period, TenantCalendar calendar, DateTimeOffset now)
    {
        var (length, elapsed) = Measure(period, calendar, now);
        var divisor = Math.Max(elapsed.Ticks, Math.Min(MinimumDivisor.Ticks, length.Ticks / 4));
        if (divisor <= 0 || elapsed >= length)
            return spend;
        return spend * length.Ticks / divisor;
    }

    /// <summary>True once enough of the period has passed for a forecast alert (see the remarks).</summary>
    public static bool IsSettled(BudgetPeriod period, TenantCalendar calendar, DateTimeOffset now)
    {
        var (length, elapsed) = Measure(period, calendar, now);
        return elapsed >= TimeSpan.FromTicks(Math.Min(length.Ticks / 4, AlertAfterAtMost.Ticks));
    }

    private static (TimeSpan Length, TimeSpan Elapsed) Measure(BudgetPeriod period, TenantCalendar calendar, DateTimeOffset now)
    {
        var start = period.FirstDay.ToDateTime(TimeOnly.MinValue);
        var end = period.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var local = calendar.ToLocal(now);
        var elapsed = local < start ? TimeSpan.Zero : local > end ? end - start : local - start;
        return (end - start, elapsed);
    }
}
