using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// Which usage records a budget counts. Every non-empty part must match; the entries of one part are alternatives
/// (keys A or B; <c>team=backend</c> or <c>team=data</c>). Different dimension names must all match
/// (<c>team=backend</c> and <c>env=prod</c>). Everything empty: the whole tenant. No source: proxy and telemetry.
/// </summary>
public sealed record BudgetScope
{
    public IReadOnlyList<string> KeyIds { get; init; } = [];

    /// <summary>Lower-case dimension name to the values any of which matches.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dims { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary><see cref="Keys.ModelPattern"/> texts matched against the reported or the requested model.</summary>
    public IReadOnlyList<string> ModelPatterns { get; init; } = [];

    public IReadOnlyList<UsageSource> Sources { get; init; } = [];

    public static BudgetScope Tenant { get; } = new();

    public bool IsWholeTenant => KeyIds.Count == 0 && Dims.Count == 0 && Providers.Count == 0 && ModelPatterns.Count == 0 && Sources.Count == 0;

    /// <summary>The scope as the terms the CLI and the portal take (<see cref="BudgetScopeTerms"/>).</summary>
    public IReadOnlyList<string> ToTerms() =>
    [
        .. KeyIds.Select(k => $"key:{k}"),
        .. Dims.SelectMany(d => d.Value.Select(v => $"dim:{d.Key}={v}")),
        .. Providers.Select(p => $"provider:{p}"),
        .. ModelPatterns.Select(m => $"model:{m}"),
        .. Sources.Select(s => $"source:{BudgetScopeTerms.SourceName(s)}"),
    ];

    public override string ToString() => IsWholeTenant ? "whole tenant" : string.Join(" ", ToTerms());
}
