using System.Collections.Frozen;
using SpendOps.Core.Budgets;
using SpendOps.Core.Keys;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// A blocking budget as admission checks it: the scope compiled for matching one call in memory, the same rules as
/// <see cref="BudgetSpendQuery.InScope"/> applies to stored records (a call matches by its requested model; the
/// reported one is not known before the answer).
/// </summary>
internal sealed class GatedBudget
{
    private readonly FrozenSet<string> keyIds;
    private readonly FrozenSet<string> providers;
    private readonly ModelPattern[] models;
    private readonly (string Name, FrozenSet<string> Values)[] dims;
    private BudgetPeriod? current;

    public GatedBudget(Budget budget, TenantCalendar calendar)
    {
        Definition = budget;
        Calendar = calendar;
        keyIds = budget.Scope.KeyIds.ToFrozenSet(StringComparer.Ordinal);
        providers = budget.Scope.Providers.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        models = [.. budget.Scope.ModelPatterns.Select(p => new ModelPattern(p))];
        dims = [.. budget.Scope.Dims.Select(d => (d.Key.ToLowerInvariant(), d.Value.ToFrozenSet(StringComparer.Ordinal)))];
    }

    public Budget Definition { get; }
    public TenantCalendar Calendar { get; }
    public Guid Id => Definition.Id;
    public string Name => Definition.Name;
    public decimal AmountUsd => Definition.AmountUsd;

    /// <summary>A budget counting telemetry only never blocks a proxy call.</summary>
    public bool CountsProxy => Definition.Scope.Sources.Count == 0 || Definition.Scope.Sources.Contains(UsageSource.Proxy);

    public bool Matches(ResolvedKey key, string provider, string? model, IReadOnlyDictionary<string, string> callDims)
    {
        if (keyIds.Count > 0 && !keyIds.Contains(key.Id))
            return false;
        if (providers.Count > 0 && !providers.Contains(provider))
            return false;
        if (models.Length > 0 && (model is null || !models.Any(m => m.Matches(model))))
            return false;
        foreach (var (name, values) in dims)
        {
            if (!callDims.TryGetValue(name, out var value) || !values.Contains(value))
                return false;
        }
        return true;
    }

    /// <summary>The period containing <paramref name="now"/>; computed once per period, not per call.</summary>
    public BudgetPeriod PeriodAt(DateTimeOffset now)
    {
        if (current is { } period && now >= period.Start && now < period.End)
            return period;
        var fresh = BudgetPeriod.Containing(Definition, Calendar, now);
        current = fresh;
        return fresh;
    }
}
