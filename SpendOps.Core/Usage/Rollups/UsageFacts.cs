using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The rows every total is summed from: hourly rollups for the whole UTC hours of a period that are rolled up and
/// clean (no <see cref="RollupDirtyHour"/>), raw records for the rest (the ragged edges of the period, the hours
/// changed since the last rollup run), in one statement so the split is consistent. Sums over these facts equal sums
/// over the records <see cref="UsageQueries.Apply"/> selects. Queries rollups cannot answer exactly (superseded records
/// shown, a status class, two dimensions at once) read raw records only.
/// </summary>
public static class UsageFacts
{
    // Bounds for open periods: whatever lies outside them is read raw as an edge of the period.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Facts for the records <paramref name="filter"/> covers that also match every one of <paramref name="matches"/>;
    /// with <paramref name="groupDimension"/>, each fact carries that dimension's value (null: the calls have none).
    /// </summary>
    public static async Task<IQueryable<UsageFact>> QueryAsync(
        SpendOpsDbContext db, UsageFilter filter, IReadOnlyList<DimensionMatch> matches, string? groupDimension, CancellationToken cancellationToken)
    {
        var allMatches = matches.Concat((filter.Dims ?? new Dictionary<string, string>()).Select(d => new DimensionMatch(d.Key, [d.Value]))).ToList();
        var records = Records(db, filter with { Dims = null }, allMatches);
        var wholeFrom = filter.From is { } from ? RollupHours.Ceiling(from) : Earliest;
        var wholeTo = filter.To is { } to ? RollupHours.Floor(to) : Latest;
        if (!CanUseRollups(filter, allMatches, groupDimension) || wholeFrom >= wholeTo || !await db.RollupStates.AnyAsync(cancellationToken))
            return Raw(db, records, groupDimension);

        var edges = records.Where(r => r.Timestamp < wholeFrom || r.Timestamp >= wholeTo);
        // Distinct hours (an hour is marked once per change) joined to the (tenant, timestamp) index of the records.
        var dirty = db.RollupDirtyHours.Where(m => m.Hour >= wholeFrom && m.Hour < wholeTo);
        dirty = dirty.InScope(filter.Scope);
        var inDirtyHours = dirty.Select(m => new { m.TenantId, m.Hour, m.HourEnd }).Distinct()
            .Join(records, m => m.TenantId, r => r.TenantId, (m, r) => new { m.Hour, m.HourEnd, Record = r })
            .Where(x => x.Record.Timestamp >= x.Hour && x.Record.Timestamp < x.HourEnd)
            .Select(x => x.Record);
        var facts = Raw(db, edges.Concat(inDirtyHours), groupDimension);

        var match = allMatches.FirstOrDefault();
        if (match is not null)
            return facts.Concat(Where(DimensionRollups(db, filter.Scope, wholeFrom, wholeTo, match.Name).Where(u => match.Values.Contains(u.DimensionValue)).Select(FromDimensionRollup), filter));
        facts = facts.Concat(Where(HourlyRollups(db, filter.Scope, wholeFrom, wholeTo).Select(FromHourlyRollup), filter));
        if (groupDimension is null)
            return facts;
        // Calls with the dimension move from the null group (where the hourly rollups put them) to their value.
        var withDimension = DimensionRollups(db, filter.Scope, wholeFrom, wholeTo, groupDimension);
        return facts
            .Concat(Where(withDimension.Select(FromDimensionRollup), filter))
            .Concat(Where(withDimension.Select(NegatedWithoutValue), filter));
    }

    private static bool CanUseRollups(UsageFilter filter, IReadOnlyList<DimensionMatch> matches, string? groupDimension) =>
        !filter.IncludeSuperseded && filter.StatusClass is null && matches.Count <= (groupDimension is null ? 1 : 0);

    private static IQueryable<UsageRecord> Records(SpendOpsDbContext db, UsageFilter filter, IReadOnlyList<DimensionMatch> matches)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        foreach (var (name, values) in matches)
            records = records.Where(r => db.UsageDimensions.Any(d => d.UsageRecordId == r.Id && d.Name == name && values.Contains(d.Value)));
        return records;
    }

    private static IQueryable<UsageHourlyRollup> HourlyRollups(SpendOpsDbContext db, TenantScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        var rollups = db.UsageHourlyRollups.AsNoTracking().InScope(scope).Where(u => u.Hour >= from && u.Hour < to);
        // A retained hour has no records left to read instead, so its rollups count even while a late record is pending.
        return rollups.Where(u => !db.RollupDirtyHours.Any(m => m.TenantId == u.TenantId && m.Hour == u.Hour)
            || db.RollupRetainedHours.Any(h => h.TenantId == u.TenantId && h.Hour == u.Hour));
    }

    private static IQueryable<UsageDimensionRollup> DimensionRollups(SpendOpsDbContext db, TenantScope scope, DateTimeOffset from, DateTimeOffset to, string name)
    {
        var rollups = db.UsageDimensionRollups.AsNoTracking().InScope(scope).Where(u => u.DimensionName == name && u.Hour >= from && u.Hour < to);
        return rollups.Where(u => !db.RollupDirtyHours.Any(m => m.TenantId == u.TenantId && m.Hour == u.Hour)
            || db.RollupRetainedHours.Any(h => h.TenantId == u.TenantId && h.Hour == u.Hour));
    }

    /// <summary>The filter's conditions on the keys a rollup keeps (period and dimensions are applied before).</summary>
    private static IQueryable<UsageFact> Where(IQueryable<UsageFact> facts, UsageFilter filter)
    {
        if (filter.ApiKeyId is { } key)
            facts = facts.Where(f => f.ApiKeyId == key);
        if (filter.Provider is { } provider)
            facts = facts.Where(f => f.Provider == provider);
        if (filter.Model is { } model)
            facts = facts.Where(f => (f.ModelReported ?? f.ModelRequested) == model || f.ModelRequested == model);
        if (filter.Source is { } source)
            facts = facts.Where(f => f.Source == source);
        if (filter.Estimated is { } estimated)
            facts = facts.Where(f => f.Estimated == estimated);
        if (filter.PricingStatus is { } status)
            facts = facts.Where(f => f.PricingStatus == status);
        if (filter.Unpriced is { } unpriced)
            facts = facts.Where(f => (f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending) == unpriced);
        if (filter.UsageComplete is { } complete)
            facts = facts.Where(f => f.UsageComplete == complete);
        return facts;
    }

    private static IQueryable<UsageFact> Raw(SpendOpsDbContext db, IQueryable<UsageRecord> records, string? groupDimension)
    {
        var valued = groupDimension is null
            ? records.Select(r => new ValuedRecord { Record = r, Value = null })
            : from r in records
              join d in db.UsageDimensions.Where(d => d.Name == groupDimension) on r.Id equals d.UsageRecordId into dims
              from d in dims.DefaultIfEmpty()
              select new ValuedRecord { Record = r, Value = d == null ? null : d.Value };
        return valued.Select(v => new UsageFact
        {
            TenantId = v.Record.TenantId,
            Timestamp = v.Record.Timestamp,
            Provider = v.Record.Provider,
            Endpoint = v.Record.Endpoint,
            ModelRequested = v.Record.ModelRequested,
            ModelReported = v.Record.ModelReported,
            ApiKeyId = v.Record.ApiKeyId,
            Source = v.Record.Source,
            Estimated = v.Record.Estimated,
            UsageComplete = v.Record.UsageComplete,
            PricingStatus = v.Record.PricingStatus,
            CostSource = v.Record.CostSource,
            HasProviderCost = v.Record.ProviderCostUsd != null,
            Calls = 1L,
            InputTokens = v.Record.Tokens.InputTokens,
            CacheReadTokens = v.Record.Tokens.CacheReadTokens,
            CacheWriteTokens = v.Record.Tokens.CacheWrite5mTokens + v.Record.Tokens.CacheWrite1hTokens,
            OutputTokens = v.Record.Tokens.OutputTokens,
            ReasoningTokens = v.Record.Tokens.ReasoningTokens,
            CostUsd = v.Record.CostUsd ?? 0m,
            ProviderCostUsd = v.Record.ProviderCostUsd ?? 0m,
            DimensionValue = v.Value,
        });
    }

    private static readonly System.Linq.Expressions.Expression<Func<UsageHourlyRollup, UsageFact>> FromHourlyRollup = u => new UsageFact
    {
        TenantId = u.TenantId,
        Timestamp = u.Hour,
        Provider = u.Provider,
        Endpoint = u.Endpoint,
        ModelRequested = u.ModelRequested,
        ModelReported = u.ModelReported,
        ApiKeyId = u.ApiKeyId,
        Source = u.Source,
        Estimated = u.Estimated,
        UsageComplete = u.UsageComplete,
        PricingStatus = u.PricingStatus,
        CostSource = u.CostSource,
        HasProviderCost = u.HasProviderCost,
        Calls = u.Calls,
        InputTokens = u.InputTokens,
        CacheReadTokens = u.CacheReadTokens,
        CacheWriteTokens = u.CacheWriteTokens,
        OutputTokens = u.OutputTokens,
        ReasoningTokens = u.ReasoningTokens,
        CostUsd = u.CostUsd,
        ProviderCostUsd = u.ProviderCostUsd,
        DimensionValue = null,
    };

    private static readonly System.Linq.Expressions.Expression<Func<UsageDimensionRollup, UsageFact>> FromDimensionRollup = u => new UsageFact
    {
        TenantId = u.TenantId,
        Timestamp = u.Hour,
        Provider = u.Provider,
        Endpoint = u.Endpoint,
        ModelRequested = u.ModelRequested,
        ModelReported = u.ModelReported,
        ApiKeyId = u.ApiKeyId,
        Source = u.Source,
        Estimated = u.Estimated,
        UsageComplete = u.UsageComplete,
        PricingStatus = u.PricingStatus,
        CostSource = u.CostSource,
        HasProviderCost = u.HasProviderCost,
        Calls = u.Calls,
        InputTokens = u.InputTokens,
        CacheReadTokens = u.CacheReadTokens,
        CacheWriteTokens = u.CacheWriteTokens,
        OutputTokens = u.OutputTokens,
        ReasoningTokens = u.ReasoningTokens,
        CostUsd = u.CostUsd,
        ProviderCostUsd = u.ProviderCostUsd,
        DimensionValue = u.DimensionValue,
    };

    /// <summary>A dimension rollup taken back out of the null group: every measure negated.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<UsageDimensionRollup, UsageFact>> NegatedWithoutValue = u => new UsageFact
    {
        TenantId = u.TenantId,
        Timestamp = u.Hour,
        Provider = u.Provider,
        Endpoint = u.Endpoint,
        ModelRequested = u.ModelRequested,
        ModelReported = u.ModelReported,
        ApiKeyId = u.ApiKeyId,
        Source = u.Source,
        Estimated = u.Estimated,
        UsageComplete = u.UsageComplete,
        PricingStatus = u.PricingStatus,
        CostSource = u.CostSource,
        HasProviderCost = u.HasProviderCost,
        Calls = -u.Calls,
        InputTokens = -u.InputTokens,
        CacheReadTokens = -u.CacheReadTokens,
        CacheWriteTokens = -u.CacheWriteTokens,
        OutputTokens = -u.OutputTokens,
        ReasoningTokens = -u.ReasoningTokens,
        CostUsd = -u.CostUsd,
        ProviderCostUsd = -u.ProviderCostUsd,
        DimensionValue = null,
    };

    /// <summary>A record with the dimension value it is grouped by; a class (not a tuple) so EF can translate the projection.</summary>
    private sealed class ValuedRecord
    {
        public required UsageRecord Record { get; init; }
        public string? Value { get; init; }
    }
}
