namespace SpendOps.Core.Pricing;

/// <summary>A price row as the portal lists it, with its place among the versions of the same price.</summary>
public sealed record PriceListItem(ModelPrice Price, PriceVersionState State);
