using SpendOps.Core.Usage;

namespace SpendOps.Web.Components.Shared;

/// <summary>A period as the user picked it; resolved to instants with the tenant's calendar (<see cref="SpendPeriod.Resolve"/>).</summary>
public sealed record PeriodChoice(SpendPeriodKind Kind, DateOnly? First = null, DateOnly? Last = null)
{
    public SpendPeriod Resolve(TenantCalendar calendar, DateTimeOffset now) => SpendPeriod.Resolve(Kind, calendar, now, First, Last);

    /// <summary>The choice that shows an existing period: its local first and last day as a custom range.</summary>
    public static PeriodChoice Covering(DateTimeOffset from, DateTimeOffset to, TenantCalendar calendar) =>
        new(SpendPeriodKind.Custom, calendar.DateOf(from), calendar.DateOf(to.AddTicks(-1)));
}
