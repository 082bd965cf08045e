using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Pricing;

/// <summary>
/// The price table in memory, for pricing records as they are written. At most every <see cref="CheckEvery"/> it
/// asks the database whether any price or discount was added (four aggregates) and reloads only then, so a new
/// price reaches the writer within seconds without reloading ~900 rows per batch.
/// </summary>
public sealed class PriceCache(IDbContextFactory<SpendOpsDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private PriceResolver? current;
    private DateTimeOffset checkedAt;

    public async Task<PriceResolver> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } cached && clock.GetUtcNow() - checkedAt < CheckEvery)
            return cached;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } fresh && clock.GetUtcNow() - checkedAt < CheckEvery)
                return fresh;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (current is null || await CurrentVersionAsync(db, cancellationToken) != current.Version)
                current = await PriceResolver.LoadAsync(db, cancellationToken);
            checkedAt = clock.GetUtcNow();
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<PriceTableVersion> CurrentVersionAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        var prices = await db.ModelPrices.CountAsync(cancellationToken);
        var lastPrice = prices == 0 ? 0 : await db.ModelPrices.MaxAsync(p => p.Id, cancellationToken);
        var discounts = await db.PriceDiscounts.CountAsync(cancellationToken);
        var lastDiscount = discounts == 0 ? 0 : await db.PriceDiscounts.MaxAsync(d => d.Id, cancellationToken);
        return new PriceTableVersion(prices, lastPrice, discounts, lastDiscount);
    }
}
