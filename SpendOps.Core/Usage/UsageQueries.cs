using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage;

/// <summary>
/// The usage ledger's queries, shared by the command line, the portal and exports so that every view shows the
/// same numbers. Superseded records (a telemetry estimate of a call the proxy measured) are left out.
/// </summary>
public static class UsageQueries
{
    public static IQueryable<UsageRecord> Apply(this IQueryable<UsageRecord> records, UsageFilter filter, IQueryable<UsageDimension> dimensions)
    {
        if (!filter.IncludeSuperseded)
            records = records.Where(r => !r.Superseded);
        records = records.InScope(filter.Scope);
        if (filter.From is { } from)
            records = records.Where(r => r.Timestamp >= from);
        if (filter.To is { } to)
            records = records.Where(r => r.Timestamp < to);
        if (filter.ApiKeyId is { } key)
            records = records.Where(r => r.ApiKeyId == key);
        if (filter.Provider is { } provider)
            records = records.Where(r => r.Provider == provider);
        if (filter.Model is { } model)
            records = records.Where(r => (r.ModelReported ?? r.ModelRequested) == model || r.ModelRequested == model);
        if (filter.Source is { } source)
            records = records.Where(r => r.Source == source);
        if (filter.Estimated is { } estimated)
            records = records.Where(r => r.Estimated == estimated);
        if (filter.PricingStatus is { } status)
            records = records.Where(r => r.PricingStatus == status);
        if (filter.Unpriced is { } unpriced)
            records = records.Where(r => (r.PricingStatus == PricingStatus.Unpriced || r.PricingStatus == PricingStatus.Pending) == unpriced);
        if (filter.UsageComplete is { } complete)
            records = records.Where(r => r.UsageComplete == complete);
        if (filter.StatusClass is { } statusClass)
            records = records.Where(r => r.StatusCode >= statusClass * 100 && r.StatusCode < statusClass * 100 + 100);
        foreach (var (name, value) in filter.Dims ?? new Dictionary<string, string>())
            records = records.Where(r => dimensions.Any(d => d.UsageRecordId == r.Id && d.Name == name && d.Value == value));
        return records;
    }

    /// <summary>Totals grouped by one column or dimension, largest cost first.</summary>
    public static async Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Data.SpendOpsDbContext db, UsageFilter filter, UsageGrouping grouping, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        IQueryable<KeyedRecord> keyed = grouping.Kind switch
        {
            UsageGroupingKind.Model => records.Select(r => new KeyedRecord { Key = r.ModelReported ?? r.ModelRequested, Record = r }),
            UsageGroupingKind.Key => records.Select(r => new KeyedRecord { Key = r.ApiKeyId, Record = r }),
            UsageGroupingKind.Provider => records.Select(r => new KeyedRecord { Key = r.Provider, Record = r }),
            UsageGroupingKind.Endpoint => records.Select(r => new KeyedRecord { Key = r.Endpoint, Record = r }),
            UsageGroupingKind.Source => records.Select(r => new KeyedRecord { Key = r.Source == UsageSource.Proxy ? "proxy" : "telemetry", Record = r }),
            UsageGroupingKind.Dimension =>
                from r in records
                join d in db.UsageDimensions.Where(d => d.Name == grouping.Dimension) on r.Id equals d.UsageRecordId into dims
                from d in dims.DefaultIfEmpty()
                select new KeyedRecord { Key = d == null ? null : d.Value, Record = r },
            _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
        };

        var rows = await keyed
            .GroupBy(k => k.Key)
            .Select(g => new UsageSummaryRow(
                g.Key,
                g.Count(),
                g.Sum(k => k.Record.Tokens.InputTokens),
                g.Sum(k => k.Record.Tokens.CacheReadTokens),
                g.Sum(k => k.Record.Tokens.CacheWrite5mTokens + k.Record.Tokens.CacheWrite1hTokens),
                g.Sum(k => k.Record.Tokens.OutputTokens),
                g.Sum(k => k.Record.Tokens.ReasoningTokens),
                g.Sum(k => k.Record.CostUsd ?? 0m),
                g.Sum(k => k.Record.CostSource == CostSource.Catalog ? k.Record.CostUsd ?? 0m : 0m),
                g.Sum(k => k.Record.CostSource == CostSource.TenantPrice ? k.Record.CostUsd ?? 0m : 0m),
                g.Sum(k => k.Record.CostSource == CostSource.Reported ? k.Record.CostUsd ?? 0m : 0m),
                g.Sum(k => k.Record.ProviderCostUsd ?? 0m),
                g.Count(k => k.Record.PricingStatus == PricingStatus.Reported),
                g.Count(k => k.Record.PricingStatus == PricingStatus.Unpriced || k.Record.PricingStatus == PricingStatus.Pending),
                g.Count(k => !k.Record.UsageComplete)))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CostUsd).ThenByDescending(r => r.Requests).ToList();
    }

    /// <summary>A record with the value it is grouped by; a class (not a tuple) so EF can translate the projection.</summary>
    private sealed class KeyedRecord
    {
        public string? Key { get; init; }
        public required UsageRecord Record { get; init; }
    }
}
