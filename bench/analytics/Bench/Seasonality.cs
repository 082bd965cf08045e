namespace SpendOps.Bench.Analytics;

/// <summary>
/// When calls happen over the last year: growth (the last month has about twice the calls of the first), weekdays
/// busier than weekends, and office hours (UTC, a European-American mix) busier than the night.
/// </summary>
internal static class Seasonality
{
    public const int Days = 365;

    private static readonly double[] HourWeight =
        [0.25, 0.2, 0.18, 0.18, 0.22, 0.3, 0.5, 0.8, 1.1, 1.3, 1.35, 1.3, 1.2, 1.3, 1.45, 1.5, 1.45, 1.3, 1.1, 0.9, 0.7, 0.55, 0.4, 0.3];

    /// <summary>Calls per day, oldest day first, summing exactly to <paramref name="records"/>.</summary>
    public static long[] CallsPerDay(DateOnly firstDay, long records, Random random)
    {
        var weights = new double[Days];
        for (var d = 0; d < Days; d++)
        {
            var weekday = firstDay.AddDays(d).DayOfWeek;
            var week = weekday switch { DayOfWeek.Saturday => 0.35, DayOfWeek.Sunday => 0.3, _ => 1.0 };
            weights[d] = (1 + d / (double)Days) * week * (0.9 + 0.2 * random.NextDouble());
        }
        var sum = weights.Sum();
        var counts = new long[Days];
        double carry = 0;
        for (var d = 0; d < Days; d++)
        {
            var exact = records * weights[d] / sum + carry;
            counts[d] = (long)Math.Floor(exact);
            carry = exact - counts[d];
        }
        counts[Days - 1] += records - counts.Sum();
        return counts;
    }

    /// <summary>
    /// <paramref name="count"/> instants within one UTC day, in order; for today, squeezed into the part of the day that
    /// has passed (<paramref name="until"/>), so no call is in the future and the day still gets its share.
    /// </summary>
    public static DateTimeOffset[] Instants(DateOnly day, long count, DateTimeOffset until, Random random)
    {
        var total = HourWeight.Sum();
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var squeeze = Math.Clamp((until - start).Ticks / (double)TimeSpan.TicksPerDay, 0, 1);
        var instants = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble() * total;
            var hour = 0;
            while (hour < 23 && u > HourWeight[hour])
                u -= HourWeight[hour++];
            instants[i] = start.AddTicks((long)((hour * TimeSpan.TicksPerHour + random.NextDouble() * TimeSpan.TicksPerHour) * squeeze));
        }
        Array.Sort(instants);
        return instants;
    }
}
