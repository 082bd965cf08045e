using SpendOps.Core.Pricing;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>The embedded catalog read once per test class, as a resolver (all prices effective from the start).</summary>
public sealed class EmbeddedCatalogFixture : IAsyncLifetime
{
    public PriceResolver Resolver { get; private set; } = null!;

    internal CatalogReadResult Catalog { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await EmbeddedCatalog.ReadAsync(CancellationToken.None);
        foreach (var price in Catalog.Prices)
            price.EffectiveFrom = CatalogImporter.FirstPriceEffectiveFrom;
        Resolver = new PriceResolver(Catalog.Prices);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
