using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The rows every total is summed from: hourly rollups for the whole UTC hours of a period that are rolled up and
/// clean (no <see cref="RollupDirtyHour"/>), daily rollups instead for its whole clean UTC days when the caller allows,
/// raw records for the rest (the ragged edges of the period, the hours
/// changed since the last rollup run), in one statement so the split is consistent. Sums over these facts equal sums
/// over the records <see cref="UsageQueries.Apply"/> selects. Queries rollups cannot answer exactly (superseded records
/// shown, a status class, two dimensions at once) read raw records only.
/// </summary>
public static class UsageFacts
{
    /// <summary>
    /// Facts for the records <paramref name="filter"/> covers that also match every one of <paramref name="matches"/>;
    /// with <paramref name="groupDimension"/>, each fact carries that dimension's value (null: the calls have none), and
    /// the facts from dimension rollups (<see cref="UsageFact.AlsoCountedWithoutValue"/>) count calls that the facts
    /// without a value count too: group with <see cref="UsageFactTotals"/>, which takes them out of the null group, or
    /// leave the null group out.
    /// <paramref name="daily"/>: the caller neither groups nor filters facts by key and needs no time finer than a UTC
    /// day, so whole clean days may come from the daily rollups (their facts have no key and the day's midnight).
    /// </summary>
    public static async Task<IQueryable<UsageFact>> QueryAsync(
        SpendOpsDbContext db, UsageFilter filter, IReadOnlyList<DimensionMatch> matches, string? groupDimension, bool daily, CancellationToken cancellationToken)
    {
        var allMatches = matches.Concat((filter.Dims ?? new Dictionary<string, string>()).Select(d => new DimensionMatch(d.Key, [d.Value]))).ToList();
        var records = Records(db, filter with { Dims = null }, allMatches);
        var match = allMatches.FirstOrDefault();
        if (!CanUseRollups(filter, allMatches, groupDimension) || await RollupSplit.CreateAsync(db, filter, records, daily, cancellationToken) is not { } split)
            return Raw(db, records, groupDimension);

        var facts = Raw(db, split.RawRecords, groupDimension);
        if (match is not null)
        {
            return facts
                .Concat(RollupSplit.WhereKeys(split.DimensionRollups(match.Name).Where(u => match.Values.Contains(u.DimensionValue)), filter).Select(FromDimensionRollup<UsageDimensionRollup>(alsoCountedWithoutValue: false)))
                .Concat(RollupSplit.WhereKeys(split.DailyDimensionRollups(match.Name).Where(u => match.Values.Contains(u.DimensionValue)), filter).Select(FromDimensionRollup<UsageDailyDimensionRollup>(alsoCountedWithoutValue: false)));
        }
        facts = facts
            .Concat(RollupSplit.WhereKeys(split.HourlyRollups(), filter).Select(FromRollup<UsageHourlyRollup>()))
            .Concat(RollupSplit.WhereKeys(split.DailyRollups(), filter).Select(FromRollup<UsageDailyRollup>()));
        if (groupDimension is null)
            return facts;
        // Calls with the dimension also under their value; the caller takes them back out of the null group, where the
        // hourly and daily rollups count them (UsageFactTotals, in memory: reading these rows once, not twice).
        return facts
            .Concat(RollupSplit.WhereKeys(split.DimensionRollups(groupDimension), filter).Select(FromDimensionRollup<UsageDimensionRollup>(alsoCountedWithoutValue: true)))
            .Concat(RollupSplit.WhereKeys(split.DailyDimensionRollups(groupDimension), filter).Select(FromDimensionRollup<UsageDailyDimensionRollup>(alsoCountedWithoutValue: true)));
    }

    private static bool CanUseRollups(UsageFilter filter, IReadOnlyList<DimensionMatch> matches, string? groupDimension) =>
        RollupSplit.CanAnswer(filter) && matches.Count <= (groupDimension is null ? 1 : 0);

    private static IQueryable<UsageRecord> Records(SpendOpsDbContext db, UsageFilter filter, IReadOnlyList<DimensionMatch> matches)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        foreach (var (name, values) in matches)
            records = records.Where(r => db.UsageDimensions.Any(d => d.UsageRecordId == r.Id && d.Name == name && values.Contains(d.Value)));
        return records;
    }

    private static IQueryable<UsageFact> Raw(SpendOpsDbContext db, IQueryable<UsageRecord> records, string? groupDimension)
    {
        // The value by a lookup per record on the dimensions' key (record, name), not a join: the raw part is usually
        // small (the period's edges), and PostgreSQL's estimate of it is not, so a join hashed every dimension row of
        // that name in the database (1.2 s of a 1.6 s chargeback at a million records).
        var valued = groupDimension is null
            ? records.Select(r => new ValuedRecord { Record = r, Value = null })
            : records.Select(r => new ValuedRecord
            {
                Record = r,
                Value = db.UsageDimensions.Where(d => d.UsageRecordId == r.Id && d.Name == groupDimension).Select(d => d.Value).FirstOrDefault(),
            });
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
            AlsoCountedWithoutValue = false,
        });
    }

    /// <summary>An hourly or daily rollup as a fact without a dimension value.</summary>
    private static System.Linq.Expressions.Expression<Func<TRollup, UsageFact>> FromRollup<TRollup>() where TRollup : UsageRollupKeys => u => new UsageFact
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
        AlsoCountedWithoutValue = false,
    };

    /// <summary>An hourly or daily dimension rollup as a fact with its dimension value.</summary>
    private static System.Linq.Expressions.Expression<Func<TRollup, UsageFact>> FromDimensionRollup<TRollup>(bool alsoCountedWithoutValue)
        where TRollup : UsageRollupKeys, IDimensionRollup => u => new UsageFact
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
        AlsoCountedWithoutValue = alsoCountedWithoutValue,
    };

    /// <summary>A record with the dimension value it is grouped by; a class (not a tuple) so EF can translate the projection.</summary>
    private sealed class ValuedRecord
    {
        public required UsageRecord Record { get; init; }
        public string? Value { get; init; }
    }
}
