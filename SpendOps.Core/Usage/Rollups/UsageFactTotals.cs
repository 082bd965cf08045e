using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// <see cref="UsageFacts"/> summed by the database per key and per the attributes a view's partial totals depend on
/// (<see cref="UsageFactGroup"/>), for the views that group (<c>usage summary</c>, the dashboard's top lists, chargeback).
/// The database sums two amounts per row; partial amounts (measured, catalog, compared with the provider's…) are
/// folded from the attributes in memory. Money is the costly sum where it is stored as text (SQLite parses every value
/// as a decimal), so two sums of it replace up to eight conditional ones. When grouping by a dimension, the
/// dimension rollups' rows are read once and taken out of the null group here, not by reading them a second time
/// negated.
/// </summary>
public static class UsageFactTotals
{
    /// <summary>The key column for the value of the dimension grouped by.</summary>
    public static readonly Expression<Func<UsageFact, string?>> DimensionValue = f => f.DimensionValue;

    /// <summary>
    /// The groups of the facts <paramref name="filter"/> covers by up to four <paramref name="keys"/> (columns of a fact;
    /// <see cref="DimensionValue"/> for <paramref name="groupDimension"/>'s value). A key's rows sum to its totals, and
    /// can sum to no calls (a value-less group whose calls all have the value).
    /// </summary>
    public static async Task<List<UsageFactGroup>> QueryAsync(SpendOpsDbContext db, UsageFilter filter, IReadOnlyList<Expression<Func<UsageFact, string?>>> keys,
        string? groupDimension, bool daily, CancellationToken cancellationToken)
    {
        if (keys.Count is 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(keys), "Group by one to four keys.");
        var facts = await UsageFacts.QueryAsync(db, filter, [], groupDimension, daily, cancellationToken);
        var groups = await facts
            .GroupBy(GroupKey(keys))
            .Select(g => new UsageFactGroup
            {
                K0 = g.Key.K0,
                K1 = g.Key.K1,
                K2 = g.Key.K2,
                K3 = g.Key.K3,
                Source = g.Key.Source,
                CostSource = g.Key.CostSource,
                HasProviderCost = g.Key.HasProviderCost,
                PricingStatus = g.Key.PricingStatus,
                UsageComplete = g.Key.UsageComplete,
                AlsoCountedWithoutValue = g.Key.AlsoCountedWithoutValue,
                Calls = g.Sum(f => f.Calls),
                InputTokens = g.Sum(f => f.InputTokens),
                CacheReadTokens = g.Sum(f => f.CacheReadTokens),
                CacheWriteTokens = g.Sum(f => f.CacheWriteTokens),
                OutputTokens = g.Sum(f => f.OutputTokens),
                ReasoningTokens = g.Sum(f => f.ReasoningTokens),
                CostUsd = g.Sum(f => f.CostUsd),
                // Null, not zero, where no provider cost was reported (most calls): SQLite's decimal sum skips a null
                // without parsing it.
                ProviderCostUsd = g.Sum(f => f.HasProviderCost ? (decimal?)f.ProviderCostUsd : null) ?? 0m,
            })
            .ToListAsync(cancellationToken);
        var dimensionSlots = keys.Select(k => k == DimensionValue).ToList();
        groups.AddRange(groups.Where(g => g.AlsoCountedWithoutValue).Select(g => g.NegatedWithoutValue(dimensionSlots)).ToList());
        return groups;
    }

    /// <summary><c>f => new UsageFactGroup { K0 = key 0 of f, …, unused = null, Source = f.Source, … }</c>: the key columns only, no sums.</summary>
    private static Expression<Func<UsageFact, UsageFactGroup>> GroupKey(IReadOnlyList<Expression<Func<UsageFact, string?>>> keys)
    {
        var fact = Expression.Parameter(typeof(UsageFact), "f");
        string[] slots = [nameof(UsageFactGroup.K0), nameof(UsageFactGroup.K1), nameof(UsageFactGroup.K2), nameof(UsageFactGroup.K3)];
        string[] attributes =
        [
            nameof(UsageFact.Source), nameof(UsageFact.CostSource), nameof(UsageFact.HasProviderCost), nameof(UsageFact.PricingStatus),
            nameof(UsageFact.UsageComplete), nameof(UsageFact.AlsoCountedWithoutValue),
        ];
        var bindings = slots
            .Select((name, i) => Expression.Bind(typeof(UsageFactGroup).GetProperty(name)!,
                i < keys.Count ? new ParameterSwap(keys[i].Parameters[0], fact).Visit(keys[i].Body)! : Expression.Constant(null, typeof(string))))
            .Concat(attributes.Select(name => Expression.Bind(typeof(UsageFactGroup).GetProperty(name)!, Expression.Property(fact, name))));
        return Expression.Lambda<Func<UsageFact, UsageFactGroup>>(Expression.MemberInit(Expression.New(typeof(UsageFactGroup)), bindings), fact);
    }
}
