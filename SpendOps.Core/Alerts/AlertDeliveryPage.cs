namespace SpendOps.Core.Alerts;

/// <summary>One page of the delivery log, newest first, and how many deliveries match in total.</summary>
public sealed record AlertDeliveryPage(IReadOnlyList<AlertDeliveryListItem> Items, int TotalCount);
