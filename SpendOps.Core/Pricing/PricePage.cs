namespace SpendOps.Core.Pricing;

/// <summary>One page of <see cref="PriceService.ListPageAsync"/> and how many rows the query matches in all.</summary>
public sealed record PricePage(IReadOnlyList<PriceListItem> Items, int TotalCount);
