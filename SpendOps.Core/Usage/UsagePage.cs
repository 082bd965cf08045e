namespace SpendOps.Core.Usage;

/// <summary>One page of usage records and how many records the filter covers in all.</summary>
public sealed record UsagePage(IReadOnlyList<UsageListItem> Items, int TotalCount);
