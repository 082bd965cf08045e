using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// A budget's scope as a test on <see cref="BudgetSpendGroup"/>s, the same conditions <see cref="BudgetSpendQuery.FactsInScopeAsync"/>
/// writes in SQL, with the database's own text rules (<see cref="SqlTextRules"/>) so both select the same calls. The
/// scope's one dimension, if it has one, is <paramref name="dimensionName"/>: the groups carry its value.
/// </summary>
internal sealed class BudgetScopeSelection(BudgetScope scope, string? dimensionName, SqlTextRules text)
{
    private readonly HashSet<string>? keys = scope.KeyIds.Count > 0 ? new HashSet<string>(scope.KeyIds, text.Equality) : null;
    private readonly HashSet<string>? providers = scope.Providers.Count > 0 ? new HashSet<string>(scope.Providers, text.Equality) : null;
    private readonly HashSet<UsageSource>? sources = scope.Sources.Count > 0 ? [.. scope.Sources] : null;
    private readonly HashSet<string>? values = dimensionName is null ? null : new HashSet<string>(scope.Dims[dimensionName], text.Equality);
    private readonly ModelLikeMatch models = new(scope.ModelPatterns);

    public BudgetSpend SpendOf(IEnumerable<BudgetSpendGroup> groups)
    {
        decimal spend = 0m;
        long unpriced = 0;
        foreach (var group in groups.Where(Selects))
        {
            spend += group.CostUsd;
            unpriced += group.UnpricedCalls;
        }
        return new BudgetSpend(spend, (int)unpriced);
    }

    private bool Selects(BudgetSpendGroup group) =>
        (keys is null || (group.ApiKeyId is not null && keys.Contains(group.ApiKeyId)))
        && (providers is null || (group.Provider is not null && providers.Contains(group.Provider)))
        && (sources is null || (group.Source is { } source && sources.Contains(source)))
        && (values is null || (group.DimensionValue is not null && values.Contains(group.DimensionValue)))
        && models.Matches(group.ModelReportedLower, group.ModelRequestedLower);
}
