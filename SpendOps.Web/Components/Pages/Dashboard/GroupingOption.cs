using SpendOps.Core.Usage;

namespace SpendOps.Web.Components.Pages.Dashboard;

/// <summary>A choice in a "group by" list: a column or a dimension name seen in the data.</summary>
internal sealed record GroupingOption(string Value, string Text)
{
    public static IReadOnlyList<GroupingOption> For(IReadOnlyList<string> dimensionNames) =>
    [
        .. dimensionNames.Select(n => new GroupingOption("dim:" + n, n)),
        new("model", "model"),
        new("provider", "provider"),
        new("key", "API key"),
        new("endpoint", "endpoint"),
        new("source", "source"),
    ];

    /// <summary>The explorer filter that shows one group's records; null when the group cannot be filtered (no value).</summary>
    public static UsageFilter? Drill(UsageFilter filter, UsageGrouping grouping, string? key) => key is null ? null : grouping.Kind switch
    {
        UsageGroupingKind.Dimension => filter with { Dims = new Dictionary<string, string> { [grouping.Dimension!] = key } },
        UsageGroupingKind.Model => filter with { Model = key },
        UsageGroupingKind.Provider => filter with { Provider = key },
        UsageGroupingKind.Key => filter with { ApiKeyId = key },
        UsageGroupingKind.Source => filter with { Source = key == "proxy" ? UsageSource.Proxy : UsageSource.Telemetry },
        _ => null,
    };
}
