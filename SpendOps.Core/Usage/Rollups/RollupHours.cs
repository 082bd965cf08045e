namespace SpendOps.Core.Usage.Rollups;

/// <summary>Whole UTC hours (and the whole UTC days of the daily rollups).</summary>
public static class RollupHours
{
    public static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
    }

    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var floor = Floor(instant);
        return floor == instant ? floor : floor.AddHours(1);
    }

    public static bool IsWhole(DateTimeOffset instant) => instant.UtcTicks % TimeSpan.TicksPerHour == 0;

    public static DateTimeOffset FloorDay(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerDay, TimeSpan.Zero);
    }

    public static DateTimeOffset CeilingDay(DateTimeOffset instant)
    {
        var floor = FloorDay(instant);
        return floor == instant ? floor : floor.AddDays(1);
    }

    public static bool IsWholeDay(DateTimeOffset instant) => instant.UtcTicks % TimeSpan.TicksPerDay == 0;
}
