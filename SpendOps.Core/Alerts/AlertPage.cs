namespace SpendOps.Core.Alerts;

/// <summary>One page of the alert history and how many alerts there are in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertEvent> Alerts, int TotalCount);
