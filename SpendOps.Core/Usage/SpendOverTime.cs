using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// Spend per hour or local day, split by provider or model.
/// </summary>
/// <remarks>
/// Buckets are computed in memory, not in SQL: day boundaries in the tenant's zone move with daylight saving
/// and neither SQLite nor PostgreSQL share a date function EF can translate for both. The query reads only
/// (timestamp, key, cost) in pages of <see cref="PageSize"/> rows by a (timestamp, id) keyset that follows the
/// (tenant, timestamp) index, so memory holds one page plus one number per bucket and key.
/// </remarks>
public static class SpendOverTime
{
    public const int PageSize = 5000;

    /// <summary>At most this many buckets per chart (a month of hours is 744; three years of days is 1096).</summary>
    public const int MaxBuckets = 1200;

    public static Task<SpendSeries> GetAsync(
        SpendOpsDbContext db, UsageFilter filter, TenantCalendar calendar, SpendBucketSize size, SpendSplit split, int maxLines, CancellationToken cancellationToken) =>
        GetAsync(db, filter, calendar, size, split, maxLines, PageSize, cancellationToken);

    internal static async Task<SpendSeries> GetAsync(
        SpendOpsDbContext db, UsageFilter filter, TenantCalendar calendar, SpendBucketSize size, SpendSplit split, int maxLines, int pageSize, CancellationToken cancellationToken)
    {
        if (filter.From is not { } from || filter.To is not { } to || to <= from)
            throw new ArgumentException("A spend chart needs a period with From before To.", nameof(filter));
        var boundaries = Boundaries(from, to, calendar, size);
        var buckets = boundaries.Count - 1;
        var sums = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        if (boundaries.All(RollupHours.IsWhole) && await db.RollupStates.AnyAsync(cancellationToken))
        {
            // Every bucket is whole UTC hours, so each hourly rollup falls in one bucket: sum facts per (time, key) in SQL.
            await SumFactsAsync(db, filter, boundaries, split, sums, cancellationToken);
            return new SpendSeries(size, boundaries.Take(buckets).Select(calendar.ToLocal).ToList(), Fold(sums, Math.Max(1, maxLines), buckets));
        }

        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        var points = split == SpendSplit.Provider
            ? records.Select(r => new Point { Id = r.Id, Timestamp = r.Timestamp, Key = r.Provider, Cost = r.CostUsd })
            : records.Select(r => new Point { Id = r.Id, Timestamp = r.Timestamp, Key = r.ModelReported ?? r.ModelRequested, Cost = r.CostUsd });

        DateTimeOffset? afterTime = null;
        long afterId = 0;
        while (true)
        {
            var query = points;
            if (afterTime is { } t)
                query = query.Where(p => p.Timestamp > t || (p.Timestamp == t && p.Id > afterId));
            var page = await query.OrderBy(p => p.Timestamp).ThenBy(p => p.Id).Take(pageSize).ToListAsync(cancellationToken);
            foreach (var point in page)
            {
                var bucket = BucketOf(boundaries, point.Timestamp);
                if (bucket < 0)
                    continue;
                var key = point.Key ?? SpendSeries.None;
                if (!sums.TryGetValue(key, out var values))
                    sums[key] = values = new decimal[buckets];
                values[bucket] += point.Cost ?? 0m;
            }
            if (page.Count < pageSize)
                break;
            (afterTime, afterId) = (page[^1].Timestamp, page[^1].Id);
        }

        var labels = boundaries.Take(buckets).Select(calendar.ToLocal).ToList();
        return new SpendSeries(size, labels, Fold(sums, Math.Max(1, maxLines), buckets));
    }

    /// <summary>
    /// Sums from <see cref="UsageFacts"/>: rollups for clean whole hours, records for the rest (few, grouped by their own
    /// time), so the rows read are about hours times keys however many calls there were.
    /// </summary>
    private static async Task SumFactsAsync(
        SpendOpsDbContext db, UsageFilter filter, List<DateTimeOffset> boundaries, SpendSplit split, Dictionary<string, decimal[]> sums, CancellationToken cancellationToken)
    {
        // A day's rollup is one point at UTC midnight: usable only when every bucket boundary inside is a UTC midnight.
        var daily = boundaries.Skip(1).SkipLast(1).All(RollupHours.IsWholeDay);
        var facts = await UsageFacts.QueryAsync(db, filter, [], null, daily, cancellationToken);
        var points = await (split == SpendSplit.Provider
                ? facts.GroupBy(f => new { f.Timestamp, Key = (string?)f.Provider }).Select(g => new { g.Key.Timestamp, g.Key.Key, Cost = g.Sum(f => f.CostUsd) })
                : facts.GroupBy(f => new { f.Timestamp, Key = f.ModelReported ?? f.ModelRequested }).Select(g => new { g.Key.Timestamp, g.Key.Key, Cost = g.Sum(f => f.CostUsd) }))
            .ToListAsync(cancellationToken);
        foreach (var point in points)
        {
            var bucket = BucketOf(boundaries, point.Timestamp);
            if (bucket < 0)
                continue;
            var key = point.Key ?? SpendSeries.None;
            if (!sums.TryGetValue(key, out var values))
                sums[key] = values = new decimal[boundaries.Count - 1];
            values[bucket] += point.Cost;
        }
    }

    /// <summary>Bucket starts and the period end as UTC instants: local midnights for days, whole hours from the start for hours.</summary>
    internal static List<DateTimeOffset> Boundaries(DateTimeOffset from, DateTimeOffset to, TenantCalendar calendar, SpendBucketSize size)
    {
        var result = new List<DateTimeOffset> { from };
        var day = calendar.DateOf(from);
        while (result[^1] < to)
        {
            DateTimeOffset next;
            if (size == SpendBucketSize.Hour)
            {
                next = result[^1].AddHours(1);
            }
            else
            {
                day = day.AddDays(1);
                next = calendar.StartOfDay(day);
            }
            result.Add(next < to ? next : to);
            if (result.Count > MaxBuckets + 1)
                throw new DomainException($"That period has more than {MaxBuckets} {(size == SpendBucketSize.Hour ? "hours" : "days")}; choose a shorter period or day buckets.");
        }
        return result;
    }

    private static int BucketOf(List<DateTimeOffset> boundaries, DateTimeOffset timestamp)
    {
        var index = boundaries.BinarySearch(timestamp);
        if (index < 0)
            index = ~index - 1;
        return index >= 0 && index < boundaries.Count - 1 ? index : -1;
    }

    private static List<SpendSeriesLine> Fold(Dictionary<string, decimal[]> sums, int maxLines, int buckets)
    {
        var ordered = sums.Select(s => new SpendSeriesLine(s.Key, s.Value))
            .OrderByDescending(l => l.Total).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count <= maxLines)
            return ordered;
        var kept = ordered.Take(maxLines - 1).ToList();
        var other = new decimal[buckets];
        foreach (var line in ordered.Skip(maxLines - 1))
        {
            for (var i = 0; i < buckets; i++)
                other[i] += line.Values[i];
        }
        kept.Add(new SpendSeriesLine(SpendSeries.Other, other));
        return kept;
    }

    /// <summary>A class (not a tuple) so EF can translate the projection and the keyset filter over it.</summary>
    private sealed class Point
    {
        public long Id { get; init; }
        public DateTimeOffset Timestamp { get; init; }
        public string? Key { get; init; }
        public decimal? Cost { get; init; }
    }
}
