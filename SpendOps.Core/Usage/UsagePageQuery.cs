using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>
/// A page of the usage explorer: filtered, sorted and cut in SQL (skip/take over a total order that ends with
/// the id, so each record appears on exactly one page), projected to the shown columns only.
/// </summary>
public static class UsagePageQuery
{
    public const int MaxPageSize = 200;

    public static async Task<UsagePage> GetAsync(
        SpendOpsDbContext db, UsageFilter filter, UsageSort sort, bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        var total = await records.CountAsync(cancellationToken);
        var items = await Order(records, sort, descending)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(r => new UsageListItem(
                r.Id, r.RequestId, r.Timestamp, r.Provider, r.Endpoint, r.ModelReported ?? r.ModelRequested, r.ApiKeyId, r.Dims,
                r.Tokens.InputTokens, r.Tokens.CacheReadTokens, r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens, r.Tokens.OutputTokens, r.CostUsd, r.CostSource,
                r.StatusCode, r.Source, r.Estimated, r.PricingStatus, r.UsageComplete))
            .ToListAsync(cancellationToken);
        return new UsagePage(items, total);
    }

    /// <remarks>
    /// Cost sorts as a double: SQLite stores decimals as text and cannot order them. Records without a cost come
    /// last in both directions (the engines disagree about where NULL sorts).
    /// </remarks>
    private static IOrderedQueryable<UsageRecord> Order(IQueryable<UsageRecord> records, UsageSort sort, bool descending)
    {
        var ordered = sort switch
        {
            UsageSort.Cost => records.OrderBy(r => r.CostUsd == null ? 1 : 0).ThenBy(r => (double)r.CostUsd!.Value, descending),
            UsageSort.Tokens => records.OrderBy(
                r => r.Tokens.InputTokens + r.Tokens.CacheReadTokens + r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens + r.Tokens.OutputTokens,
                descending),
            UsageSort.Provider => records.OrderBy(r => r.Provider, descending),
            UsageSort.Model => records.OrderBy(r => r.ModelReported ?? r.ModelRequested ?? "", descending),
            UsageSort.Key => records.OrderBy(r => r.ApiKeyId ?? "", descending),
            UsageSort.Status => records.OrderBy(r => r.StatusCode, descending),
            UsageSort.Latency => records.OrderBy(r => r.LatencyMs, descending),
            _ => records.OrderBy(r => r.Timestamp, descending),
        };
        return sort == UsageSort.Time ? ordered.ThenBy(r => r.Id, descending) : ordered.ThenBy(r => r.Timestamp, descending).ThenBy(r => r.Id, descending);
    }

    private static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    private static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
