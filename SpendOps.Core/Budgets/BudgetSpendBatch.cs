using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Budgets;

/// <summary>
/// The spends of many budgets in one period (the budgets page, the evaluation job), of one tenant or of many, each equal
/// to <see cref="BudgetSpendQuery.GetAsync"/>'s, from one facts query per shape of scope instead of one per budget.
/// Budgets that need the same facts (filtered by key or not, which dimension) share one GROUP BY over what their scopes
/// select on (tenant; provider, source, models where a scope names them; the key and the dimension's value where the
/// shape has them), and each budget adds up the groups its scope selects, in memory. Scopes with two or more dimension
/// names are still queried one by one: only records have a call's values of both, so rollups cannot serve them and
/// there is nothing to share.
/// </summary>
public static class BudgetSpendBatch
{
    /// <summary>The spend in <paramref name="period"/> of each of <paramref name="budgets"/> (a tenant and a scope), in the same order.</summary>
    public static async Task<IReadOnlyList<BudgetSpend>> GetAsync(
        SpendOpsDbContext db, BudgetPeriod period, IReadOnlyList<(Guid TenantId, BudgetScope Scope)> budgets, CancellationToken cancellationToken)
    {
        var spends = new BudgetSpend[budgets.Count];
        var text = SqlTextRules.For(db.Database);
        foreach (var sameShape in Enumerable.Range(0, budgets.Count).GroupBy(i => Shape.Of(budgets[i].Scope)))
        {
            if (sameShape.Key is not { } shape)
            {
                foreach (var i in sameShape)
                    spends[i] = await BudgetSpendQuery.GetAsync(db, budgets[i].TenantId, budgets[i].Scope, period, cancellationToken);
                continue;
            }
            var members = sameShape.Select(i => budgets[i]).ToList();
            var groups = (await GroupsAsync(db, period, shape, members, text, cancellationToken)).ToLookup(g => g.TenantId);
            foreach (var i in sameShape)
                spends[i] = new BudgetScopeSelection(budgets[i].Scope, shape.DimensionName, text).SpendOf(groups[budgets[i].TenantId]);
        }
        return spends;
    }

    private static async Task<List<BudgetSpendGroup>> GroupsAsync(
        SpendOpsDbContext db, BudgetPeriod period, Shape shape, IReadOnlyList<(Guid TenantId, BudgetScope Scope)> budgets, SqlTextRules text, CancellationToken cancellationToken)
    {
        var scopes = budgets.Select(b => b.Scope).ToList();
        // Only the keys and values some budget names: the groups every budget of the shape would pass over anyway. The
        // keys go into the filter, so that each part of the facts (records, hourly rollups through their key index) is
        // read for those keys only; daily rollups (of both kinds) have no key, so budgets scoped to keys read hourly ones.
        var filter = new UsageFilter
        {
            Scope = TenantScope.OfTenants(budgets.Select(b => b.TenantId)),
            From = period.Start,
            To = period.End,
            ApiKeyIds = shape.ByKey ? scopes.SelectMany(s => s.KeyIds).Distinct(StringComparer.Ordinal).ToList() : null,
        };
        var facts = await UsageFacts.QueryAsync(db, filter, [], shape.DimensionName, daily: !shape.ByKey, cancellationToken);
        if (shape.DimensionName is { } name)
        {
            var values = scopes.SelectMany(s => s.Dims[name]).Distinct(StringComparer.Ordinal).ToList();
            facts = facts.Where(f => f.DimensionValue != null && values.Contains(f.DimensionValue));
        }
        var groups = await facts
            .GroupBy(GroupKeyOf(new GroupColumns(scopes), shape.ByKey))
            .Select(g => new BudgetSpendGroup
            {
                TenantId = g.Key.TenantId,
                Provider = g.Key.Provider,
                Source = g.Key.Source,
                ModelRequested = g.Key.ModelRequested,
                ModelReported = g.Key.ModelReported,
                ApiKeyId = g.Key.ApiKeyId,
                DimensionValue = g.Key.DimensionValue,
                CostUsd = g.Sum(f => f.CostUsd),
                UnpricedCalls = g.Sum(f => f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending ? f.Calls : 0L),
            })
            .ToListAsync(cancellationToken);
        foreach (var group in groups)
        {
            group.ModelRequestedLower = group.ModelRequested is null ? null : text.Lower(group.ModelRequested);
            group.ModelReportedLower = group.ModelReported is null ? null : text.Lower(group.ModelReported);
        }
        return groups;
    }

    /// <summary>
    /// Groups by tenant and by only those columns some scope of the batch selects on (most budgets name no provider,
    /// source or model): the others stay null in every group, and there are fewer groups to sort and sum.
    /// </summary>
    private static Expression<Func<UsageFact, GroupKey>> GroupKeyOf(GroupColumns columns, bool byKey)
    {
        var fact = Expression.Parameter(typeof(UsageFact), "f");
        MemberAssignment Column(string name, bool grouped)
        {
            var member = typeof(GroupKey).GetProperty(name)!;
            if (!grouped)
                return Expression.Bind(member, Expression.Constant(null, member.PropertyType));
            Expression value = Expression.Property(fact, name);
            return Expression.Bind(member, value.Type == member.PropertyType ? value : Expression.Convert(value, member.PropertyType));
        }
        return Expression.Lambda<Func<UsageFact, GroupKey>>(Expression.MemberInit(Expression.New(typeof(GroupKey)),
            Column(nameof(GroupKey.TenantId), grouped: true),
            Column(nameof(GroupKey.Provider), columns.Provider),
            Column(nameof(GroupKey.Source), columns.Source),
            Column(nameof(GroupKey.ModelRequested), columns.Model),
            Column(nameof(GroupKey.ModelReported), columns.Model),
            Column(nameof(GroupKey.ApiKeyId), byKey),
            Column(nameof(GroupKey.DimensionValue), grouped: true)), fact);
    }

    /// <summary>Which of the columns a scope can select on any scope of a batch does select on.</summary>
    private sealed class GroupColumns(IReadOnlyList<BudgetScope> scopes)
    {
        public bool Provider { get; } = scopes.Any(s => s.Providers.Count > 0);
        public bool Source { get; } = scopes.Any(s => s.Sources.Count > 0);
        public bool Model { get; } = scopes.Any(s => s.ModelPatterns.Count > 0);
    }

    /// <summary>
    /// Which facts a scope needs: grouped by key (no daily rollups) or not, and by which dimension's value. Null for two
    /// dimension names or more.
    /// </summary>
    private sealed record Shape(bool ByKey, string? DimensionName)
    {
        public static Shape? Of(BudgetScope scope) => scope.Dims.Count > 1 ? null : new Shape(scope.KeyIds.Count > 0, scope.Dims.Keys.FirstOrDefault());
    }

    /// <summary>The grouping columns; a class with settable members so EF can group by it.</summary>
    private sealed class GroupKey
    {
        public Guid TenantId { get; set; }
        public string? Provider { get; set; }
        public UsageSource? Source { get; set; }
        public string? ModelRequested { get; set; }
        public string? ModelReported { get; set; }
        public string? ApiKeyId { get; set; }
        public string? DimensionValue { get; set; }
    }
}
