namespace SpendOps.Core.Pricing;

/// <summary>The catalogs shipped inside this assembly (see <c>Catalog/SOURCE.md</c>).</summary>
internal static class EmbeddedCatalog
{
    public const string LiteLlmResource = "SpendOps.Pricing.Catalog.model_prices_and_context_window.json";
    public const string OwnResource = "SpendOps.Pricing.Catalog.spendops_prices.json";

    /// <summary>LiteLLM's catalog with our own table laid over it: our entry wins where both have the same price identity.</summary>
    public static async Task<CatalogReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var litellm = await ReadResourceAsync(LiteLlmResource, cancellationToken);
        var own = await ReadResourceAsync(OwnResource, cancellationToken);
        var ours = own.Prices.Select(PriceIdentity.Of).ToHashSet();
        var merged = litellm.Prices.Where(p => !ours.Contains(PriceIdentity.Of(p))).Concat(own.Prices).ToList();
        return new CatalogReadResult(merged, litellm.Skipped + own.Skipped);
    }

    private static async Task<CatalogReadResult> ReadResourceAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = typeof(EmbeddedCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded price catalog '{name}' is missing from SpendOps.Core; check the EmbeddedResource items in SpendOps.Core.csproj.");
        return await LiteLlmCatalogReader.ReadAsync(stream, cancellationToken);
    }
}
