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
        if (filter.ApiKeyIds is { } keys)
            records = records.Where(r => r.ApiKeyId != null && keys.Contains(r.ApiKeyId));
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
    /// Totals grouped by one column or dimension, largest cost first. Summed from rollups where they are complete and
    /// from records elsewhere (<see cref="UsageFactTotals"/>): the same numbers as summing the records.
    /// </summary>
    public static async Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Data.SpendOpsDbContext db, UsageFilter filter, UsageGrouping grouping, CancellationToken cancellationToken)
    {
        Expression<Func<UsageFact, string?>> key = grouping.Kind switch
        {
            UsageGroupingKind.Model => f => f.ModelReported ?? f.ModelRequested,
            UsageGroupingKind.Key => f => f.ApiKeyId,
            UsageGroupingKind.Provider => f => f.Provider,
            UsageGroupingKind.Endpoint => f => f.Endpoint,
            UsageGroupingKind.Source => f => f.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            UsageGroupingKind.Dimension => UsageFactTotals.DimensionValue,
            _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
        };
        var groups = await UsageFactTotals.QueryAsync(db, filter, [key], grouping.Kind == UsageGroupingKind.Dimension ? grouping.Dimension : null,
            daily: grouping.Kind != UsageGroupingKind.Key, cancellationToken);
        return groups
            .GroupBy(g => g.K0)
            .Select(rows => new UsageSummaryRow(
                rows.Key,
                (int)rows.Sum(g => g.Calls),
                rows.Sum(g => g.InputTokens),
                rows.Sum(g => g.CacheReadTokens),
                rows.Sum(g => g.CacheWriteTokens),
                rows.Sum(g => g.OutputTokens),
                rows.Sum(g => g.ReasoningTokens),
                rows.Sum(g => g.CostUsd),
                rows.Sum(g => g.CostSource == CostSource.Catalog ? g.CostUsd : 0m),
                rows.Sum(g => g.CostSource == CostSource.TenantPrice ? g.CostUsd : 0m),
                rows.Sum(g => g.CostSource == CostSource.Reported ? g.CostUsd : 0m),
                rows.Sum(g => g.ProviderCostUsd),
                (int)rows.Sum(g => g.PricingStatus == PricingStatus.Reported ? g.Calls : 0L),
                (int)rows.Sum(g => g.Unpriced ? g.Calls : 0L),
                (int)rows.Sum(g => !g.UsageComplete ? g.Calls : 0L)))
            // A group can sum to no calls when rollups of a dimension take their calls out of the "none" group.
            .Where(r => r.Requests != 0)
            .OrderByDescending(r => r.CostUsd)
            .ThenByDescending(r => r.Requests)
            .ToList();
    }
}
