namespace SpendOps.Core.Usage;

/// <summary>The largest groups of a summary, the rest folded into <see cref="Others"/>, and <see cref="Total"/> of all of them.</summary>
public sealed record TopSpend(UsageGrouping Grouping, IReadOnlyList<UsageSummaryRow> Rows, UsageSummaryRow? Others, UsageSummaryRow Total);
