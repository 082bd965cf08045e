namespace SpendOps.Core.Pricing;

/// <summary>
/// What an import did: <paramref name="Added"/> new price rows (new models or changed prices),
/// <paramref name="Unchanged"/> prices already in the table, <paramref name="Skipped"/> catalog entries of
/// our providers priced only in units we cannot apply (per image, per second), which stay unpriced, and
/// <paramref name="Corrected"/> rates of the added rows that broke a provider's rule and were stored corrected
/// (see <c>Checks/CatalogRules</c>).
/// </summary>
public sealed record CatalogImportResult(int Added, int Unchanged, int Skipped, int Corrected = 0);
