using Microsoft.EntityFrameworkCore;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The hourly and dimension rollups of one tenant's run of hours, summed here from one read of its records and one of
/// their dimensions (two indexed range reads however many hours the run has, where a GROUP BY per hour would need a
/// statement per hour or SQL date arithmetic that differs per database). Sums are exact: decimals and longs, as in SQL.
/// </summary>
internal sealed class RollupSpanSums
{
    private readonly Dictionary<RollupKey, UsageHourlyRollup> hourly = [];
    private readonly Dictionary<(RollupKey Key, string Name, string Value), UsageDimensionRollup> dimensions = [];

    public IReadOnlyCollection<UsageHourlyRollup> Hourly => hourly.Values;
    public IReadOnlyCollection<UsageDimensionRollup> Dimensions => dimensions.Values;

    /// <summary>
    /// Sums the not-superseded records of the tenant in [<paramref name="from"/>, <paramref name="to"/>) whose hour
    /// <paramref name="include"/> accepts, reading at most <paramref name="maxRecordsPerRead"/> records at a time (slices
    /// of time; one busy hour can hold millions of calls, and each record read is kept until its dimensions are).
    /// </summary>
    public static async Task<RollupSpanSums> ReadAsync(
        IQueryable<UsageRecord> usageRecords, IQueryable<UsageDimension> usageDimensions, Guid tenantId, DateTimeOffset from, DateTimeOffset to,
        Func<DateTimeOffset, bool> include, int maxRecordsPerRead, CancellationToken cancellationToken)
    {
        var records = usageRecords.AsNoTracking().Where(r => r.TenantId == tenantId && !r.Superseded);
        var sums = new RollupSpanSums();
        foreach (var (sliceFrom, sliceTo) in await SlicesAsync(records, from, to, maxRecordsPerRead, cancellationToken))
            await sums.AddAsync(records.Where(r => r.Timestamp >= sliceFrom && r.Timestamp < sliceTo), usageDimensions, tenantId, (hour, _) => include(hour), cancellationToken);
        return sums;
    }

    /// <summary>
    /// Sums the not-superseded records of the tenant that usage writer batches added to each hour: the hour's records with
    /// ids in its range, read at most <paramref name="maxRecordsPerRead"/> ids at a time. Ids are given in commit order,
    /// so an hour's records in its range are exactly the ones its pending marks are for. SQLite only.
    /// </summary>
    public static async Task<RollupSpanSums> ReadBatchesAsync(
        IQueryable<UsageRecord> usageRecords, IQueryable<UsageDimension> usageDimensions, Guid tenantId, IReadOnlyDictionary<DateTimeOffset, RecordIdRange> added,
        int maxRecordsPerRead, CancellationToken cancellationToken)
    {
        var (from, to) = (added.Keys.Min(), added.Keys.Max().AddHours(1));
        var (first, last) = (added.Values.Min(r => r.First), added.Values.Max(r => r.Last));
        // Read by id, not through the tenant's (TenantId, Timestamp) index, which SQLite's planner prefers: it holds the
        // tenant's whole hour, and every slice would read all of it. Compared under another collation, the tenant cannot
        // use that index (the match is the same: the ids are stored as upper-case text).
        var records = usageRecords.AsNoTracking()
            .Where(r => EF.Functions.Collate(r.TenantId, "NOCASE") == tenantId && !r.Superseded && r.Timestamp >= from && r.Timestamp < to);
        var sums = new RollupSpanSums();
        for (var sliceFirst = first; sliceFirst <= last; sliceFirst += maxRecordsPerRead)
        {
            var sliceLast = Math.Min(last, sliceFirst + maxRecordsPerRead - 1);
            await sums.AddAsync(records.Where(r => r.Id >= sliceFirst && r.Id <= sliceLast), usageDimensions, tenantId,
                (hour, id) => added.TryGetValue(hour, out var range) && range.Contains(id), cancellationToken);
        }
        return sums;
    }

    /// <summary>[from, to), or its halves (recursively, on whole milliseconds) while it has more than max records.</summary>
    private static async Task<List<(DateTimeOffset From, DateTimeOffset To)>> SlicesAsync(
        IQueryable<UsageRecord> records, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        var half = TimeSpan.FromMilliseconds(Math.Floor((to - from).TotalMilliseconds / 2));
        // Records sharing one millisecond cannot be told apart by time: such a slice is read whole, however large.
        if (half < TimeSpan.FromMilliseconds(1)
            || await records.Where(r => r.Timestamp >= from && r.Timestamp < to).OrderBy(r => r.Timestamp).Take(max + 1).CountAsync(cancellationToken) <= max)
            return [(from, to)];
        var middle = from + half;
        return [.. await SlicesAsync(records, from, middle, max, cancellationToken), .. await SlicesAsync(records, middle, to, max, cancellationToken)];
    }

    private async Task AddAsync(
        IQueryable<UsageRecord> records, IQueryable<UsageDimension> usageDimensions, Guid tenantId, Func<DateTimeOffset, long, bool> include, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<long, (RollupKey Key, Measures Measures)>();
        await foreach (var r in records.Select(r => new
        {
            r.Id, r.Timestamp, r.Provider, r.Endpoint, r.ModelRequested, r.ModelReported, r.ApiKeyId, r.Source, r.Estimated, r.UsageComplete,
            r.PricingStatus, r.CostSource, r.ProviderCostUsd, r.CostUsd, r.Tokens.InputTokens, r.Tokens.CacheReadTokens,
            CacheWriteTokens = r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens, r.Tokens.OutputTokens, r.Tokens.ReasoningTokens,
        }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var hour = RollupHours.Floor(r.Timestamp);
            if (!include(hour, r.Id))
                continue;
            var key = new RollupKey(hour, r.Provider, r.Endpoint, r.ModelRequested, r.ModelReported, r.ApiKeyId, r.Source, r.Estimated,
                r.UsageComplete, r.PricingStatus, r.CostSource, r.ProviderCostUsd is not null);
            var measures = new Measures(r.InputTokens, r.CacheReadTokens, r.CacheWriteTokens, r.OutputTokens, r.ReasoningTokens, r.CostUsd ?? 0m, r.ProviderCostUsd ?? 0m);
            byId[r.Id] = (key, measures);
            Add(hourly.TryGetValue(key, out var row) ? row : hourly[key] = key.NewRow<UsageHourlyRollup>(tenantId), measures);
        }
        if (byId.Count == 0)
            return;

        var dimensionRows = usageDimensions.AsNoTracking().Join(records, d => d.UsageRecordId, r => r.Id, (d, r) => new { d.UsageRecordId, d.Name, d.Value });
        await foreach (var d in dimensionRows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!byId.TryGetValue(d.UsageRecordId, out var record))
                continue;
            var key = (record.Key, d.Name, d.Value);
            if (!dimensions.TryGetValue(key, out var row))
            {
                row = record.Key.NewRow<UsageDimensionRollup>(tenantId, d.Name, d.Value);
                dimensions[key] = row;
            }
            Add(row, record.Measures);
        }
    }

    private static void Add(UsageRollupKeys row, Measures m)
    {
        row.Calls++;
        row.InputTokens += m.InputTokens;
        row.CacheReadTokens += m.CacheReadTokens;
        row.CacheWriteTokens += m.CacheWriteTokens;
        row.OutputTokens += m.OutputTokens;
        row.ReasoningTokens += m.ReasoningTokens;
        row.CostUsd += m.CostUsd;
        row.ProviderCostUsd += m.ProviderCostUsd;
    }

    private readonly record struct Measures(
        long InputTokens, long CacheReadTokens, long CacheWriteTokens, long OutputTokens, long ReasoningTokens, decimal CostUsd, decimal ProviderCostUsd);

    /// <summary>Every column a rollup groups by (<see cref="UsageRollupKeys"/>), with the hour.</summary>
    private readonly record struct RollupKey(
        DateTimeOffset Hour, string Provider, string Endpoint, string? ModelRequested, string? ModelReported, string? ApiKeyId, UsageSource Source,
        bool Estimated, bool UsageComplete, PricingStatus PricingStatus, CostSource? CostSource, bool HasProviderCost)
    {
        public T NewRow<T>(Guid tenantId, string? name = null, string? value = null) where T : UsageRollupKeys
        {
            UsageRollupKeys row = name is null
                ? new UsageHourlyRollup { Provider = Provider, Endpoint = Endpoint }
                : new UsageDimensionRollup { Provider = Provider, Endpoint = Endpoint, DimensionName = name, DimensionValue = value! };
            row.TenantId = tenantId;
            row.Hour = Hour;
            row.ModelRequested = ModelRequested;
            row.ModelReported = ModelReported;
            row.ApiKeyId = ApiKeyId;
            row.Source = Source;
            row.Estimated = Estimated;
            row.UsageComplete = UsageComplete;
            row.PricingStatus = PricingStatus;
            row.CostSource = CostSource;
            row.HasProviderCost = HasProviderCost;
            return (T)row;
        }
    }
}
