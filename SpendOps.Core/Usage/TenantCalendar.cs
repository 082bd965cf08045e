using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>
/// Calendar days and months in a tenant's time zone (<see cref="Tenancy.Tenant.TimeZone"/>, IANA), as UTC instants
/// for queries. "Today" for a tenant in New York starts at 04:00 or 05:00 UTC depending on daylight saving time.
/// </summary>
public sealed class TenantCalendar(TimeZoneInfo zone)
{
    public static TenantCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The calendar of an IANA zone id; an unknown or empty id falls back to UTC rather than breaking every page.</summary>
    public static TenantCalendar For(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
            return Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? new TenantCalendar(zone) : Utc;
    }

    /// <summary>The calendar of a tenant's configured zone.</summary>
    public static async Task<TenantCalendar> ForTenantAsync(SpendOpsDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        For(await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken));

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>Local midnight of <paramref name="day"/> as a UTC instant.</summary>
    public DateTimeOffset StartOfDay(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public DateTimeOffset StartOfMonth(DateOnly day) => StartOfDay(new DateOnly(day.Year, day.Month, 1));

    /// <summary>
    /// A local wall-clock time as a UTC instant. A time skipped by a daylight-saving jump (midnight in zones that
    /// spring forward at 00:00, such as America/Santiago) becomes the first valid minute after it; a repeated
    /// time takes its first (daylight) occurrence, so a day always starts at its earliest instant.
    /// </summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
