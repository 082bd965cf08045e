namespace SpendOps.Core.Pricing;

/// <summary>
/// What an import did: <paramref name="Added"/> new price rows (new models or changed prices),
/// <paramref name="Unchanged"/> prices already in the table, and <paramref name="Skipped"/> catalog entries of
/// our providers priced only in units we cannot apply (per image, per second), which stay unpriced.
/// </summary>
public sealed record CatalogImportResult(int Added, int Unchanged, int Skipped);
