namespace SpendOps.Core.Pricing;

/// <summary>Price rows read from a catalog, and how many entries of our providers could not be used.</summary>
internal sealed record CatalogReadResult(IReadOnlyList<ModelPrice> Prices, int Skipped);
