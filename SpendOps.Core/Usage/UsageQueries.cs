using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage.Rollups;

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

    /// <summary>
    /// Totals grouped by one column or dimension, largest cost first. Summed from hourly rollups where they are complete
    /// and from records elsewhere (<see cref="UsageFacts"/>): the same numbers as summing the records.
    /// </summary>
    public static async Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Data.SpendOpsDbContext db, UsageFilter filter, UsageGrouping grouping, CancellationToken cancellationToken)
    {
        var facts = await UsageFacts.QueryAsync(db, filter, [], grouping.Kind == UsageGroupingKind.Dimension ? grouping.Dimension : null, daily: grouping.Kind != UsageGroupingKind.Key, cancellationToken);
        Expression<Func<UsageFact, string?>> key = grouping.Kind switch
        {
            UsageGroupingKind.Model => f => f.ModelReported ?? f.ModelRequested,
            UsageGroupingKind.Key => f => f.ApiKeyId,
            UsageGroupingKind.Provider => f => f.Provider,
            UsageGroupingKind.Endpoint => f => f.Endpoint,
            UsageGroupingKind.Source => f => f.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            UsageGroupingKind.Dimension => f => f.DimensionValue,
            _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
        };

        var rows = await facts
            .GroupBy(key)
            .Select(g => new UsageSummaryRow(
                g.Key,
                (int)g.Sum(f => f.Calls),
                g.Sum(f => f.InputTokens),
                g.Sum(f => f.CacheReadTokens),
                g.Sum(f => f.CacheWriteTokens),
                g.Sum(f => f.OutputTokens),
                g.Sum(f => f.ReasoningTokens),
                g.Sum(f => f.CostUsd),
                g.Sum(f => f.CostSource == CostSource.Catalog ? f.CostUsd : 0m),
                g.Sum(f => f.CostSource == CostSource.TenantPrice ? f.CostUsd : 0m),
                g.Sum(f => f.CostSource == CostSource.Reported ? f.CostUsd : 0m),
                g.Sum(f => f.ProviderCostUsd),
                (int)g.Sum(f => f.PricingStatus == PricingStatus.Reported ? f.Calls : 0L),
                (int)g.Sum(f => f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending ? f.Calls : 0L),
                (int)g.Sum(f => !f.UsageComplete ? f.Calls : 0L)))
            .ToListAsync(cancellationToken);
        // A group can sum to no calls when rollups of a dimension take their calls out of the "none" group.
        return rows.Where(r => r.Requests != 0).OrderByDescending(r => r.CostUsd).ThenByDescending(r => r.Requests).ToList();
    }
}
