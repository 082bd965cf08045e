using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing.Checks;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Pricing;

/// <summary>
/// What the portal and the CLI do with prices: list them, set a manual price or a tenant discount, import a
/// catalog, re-rate a period, list the models still without a price and show the catalog checks. Every change
/// writes an audit entry.
/// </summary>
public sealed class PriceService(SpendOpsDbContext db, IDbContextFactory<SpendOpsDbContext> contexts, CatalogImporter importer, AuditLog audit, TimeProvider clock)
{
    private readonly UsageRerater rerater = new(contexts, clock);
    private readonly InForcePriceCorrector corrector = new(db, clock);

    public const string SystemActor = "system";

    /// <summary>The largest page <see cref="ListPageAsync"/> returns.</summary>
    public const int MaxPageSize = 200;

    public async Task<IReadOnlyList<ModelPrice>> ListAsync(PriceQuery query, CancellationToken cancellationToken)
    {
        var rows = db.ModelPrices.AsNoTracking().Where(p => p.TenantId == query.TenantId);
        if (!string.IsNullOrWhiteSpace(query.Provider))
        {
            var provider = query.Provider.Trim().ToLowerInvariant();
            rows = rows.Where(p => p.Provider == provider);
        }
        var prices = await rows.ToListAsync(cancellationToken);

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var model = query.Model.Trim();
            var pattern = model.IndexOfAny(['*', '?']) >= 0 ? new ModelPattern(model) : null;
            prices = prices.Where(p => pattern?.Matches(p.ModelKey) ?? p.ModelKey.Contains(model, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        if (!query.History)
        {
            var now = clock.GetUtcNow();
            prices = prices.GroupBy(PriceIdentity.Of)
                .SelectMany(g => g.Where(p => p.EffectiveFrom > now)
                    .Concat(g.Where(p => p.EffectiveFrom <= now).OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Id).Take(1)))
                .ToList();
        }
        return prices
            .OrderBy(p => p.Provider).ThenBy(p => p.ModelKey, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.ServiceTier).ThenByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Id)
            .ToList();
    }

    /// <summary>
    /// One page of <see cref="ListAsync"/> for the portal's grid, each row marked in force, scheduled or replaced.
    /// The whole filtered list is ordered in memory (patterns and the "current version" rule are not SQL), which
    /// stays cheap at catalog sizes (a few thousand rows); only the page leaves the server.
    /// </summary>
    public async Task<PricePage> ListPageAsync(PriceQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        var prices = await ListAsync(query, cancellationToken);
        var now = clock.GetUtcNow();
        // Filters keep or drop whole identities (they test provider and model key only), so every version of a
        // listed price is here when History is on, and the newest past version is here when it is off.
        var inForce = prices.Where(p => p.EffectiveFrom <= now)
            .GroupBy(PriceIdentity.Of)
            .Select(g => g.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Id).First().Id)
            .ToHashSet();
        var items = prices.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(p => new PriceListItem(p,
                p.EffectiveFrom > now ? PriceVersionState.Scheduled : inForce.Contains(p.Id) ? PriceVersionState.InForce : PriceVersionState.Replaced))
            .ToList();
        return new PricePage(items, prices.Count);
    }

    /// <summary>
    /// Adds <paramref name="price"/> as a new manual version. Without <paramref name="effectiveFrom"/>, the first
    /// price of a model applies to all its past calls and a later one from now on. Records already priced keep
    /// their cost until the period is re-rated (<see cref="RerateAsync"/>); unpriced ones are priced by the next job run.
    /// </summary>
    public async Task<ModelPrice> SetPriceAsync(ModelPrice price, DateTimeOffset? effectiveFrom, string actor, CancellationToken cancellationToken)
    {
        PriceValidator.Normalize(price);
        if (price.TenantId is { } tenantId && !await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
            throw new DomainException($"No tenant with id '{tenantId}'.");

        var identity = PriceIdentity.Of(price);
        var versions = (await db.ModelPrices.AsNoTracking()
                .Where(p => p.TenantId == price.TenantId && p.ModelKey.ToLower() == identity.ModelKey)
                .ToListAsync(cancellationToken))
            .Where(p => PriceIdentity.Of(p) == identity)
            .ToList();
        var now = clock.GetUtcNow();
        price.EffectiveFrom = effectiveFrom?.ToUniversalTime() ?? (versions.Count == 0 ? CatalogImporter.FirstPriceEffectiveFrom : now);
        if (versions.Any(v => v.EffectiveFrom == price.EffectiveFrom))
            throw new DomainException($"A price for '{price.ModelKey}' effective at {price.EffectiveFrom:u} already exists; choose another date.");

        price.Id = 0;
        price.Source = PriceSource.Manual;
        price.CreatedBy = actor;
        price.CreatedAt = now;
        db.ModelPrices.Add(price);
        audit.Record(price.TenantId, actor, "price.set", "model_price", Describe(price),
            $"from {price.EffectiveFrom:u}: input {price.InputPerMTok}/MTok, output {price.OutputPerMTok}/MTok");
        await db.SaveChangesAsync(cancellationToken);
        return price;
    }

    /// <summary>Adds a tenant discount version (0 % ends one); without <paramref name="effectiveFrom"/> it applies from now.</summary>
    public async Task<PriceDiscount> SetDiscountAsync(PriceDiscount discount, DateTimeOffset? effectiveFrom, string actor, CancellationToken cancellationToken)
    {
        PriceValidator.Normalize(discount);
        if (!await db.Tenants.AnyAsync(t => t.Id == discount.TenantId, cancellationToken))
            throw new DomainException($"No tenant with id '{discount.TenantId}'.");
        var now = clock.GetUtcNow();
        discount.Id = 0;
        discount.EffectiveFrom = effectiveFrom?.ToUniversalTime() ?? now;
        discount.CreatedBy = actor;
        discount.CreatedAt = now;
        db.PriceDiscounts.Add(discount);
        audit.Record(discount.TenantId, actor, "price.discount_set", "price_discount",
            $"{discount.Provider ?? "*"}/{discount.ModelPattern ?? "*"}", $"{discount.Percent} % from {discount.EffectiveFrom:u}");
        await db.SaveChangesAsync(cancellationToken);
        return discount;
    }

    public async Task<IReadOnlyList<PriceDiscount>> ListDiscountsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await db.PriceDiscounts.AsNoTracking().Where(d => d.TenantId == tenantId).OrderByDescending(d => d.EffectiveFrom).ToListAsync(cancellationToken);

    /// <summary>Imports a LiteLLM-format catalog; changed prices apply from <paramref name="effectiveFrom"/> (default now).</summary>
    public async Task<CatalogImportResult> ImportCatalogAsync(Stream json, string actor, CancellationToken cancellationToken, DateTimeOffset? effectiveFrom = null)
    {
        var result = await importer.ImportAsync(json, PriceSource.Import, actor, cancellationToken, effectiveFrom);
        return await AuditImportAsync(result, actor, "price.catalog_imported", cancellationToken);
    }

    public async Task<CatalogImportResult> ImportCatalogFileAsync(string path, string actor, CancellationToken cancellationToken, DateTimeOffset? effectiveFrom = null)
    {
        if (!File.Exists(path))
            throw new DomainException($"No catalog file at '{path}'.");
        await using var json = File.OpenRead(path);
        return await ImportCatalogAsync(json, actor, cancellationToken, effectiveFrom);
    }

    /// <summary>Imports the catalog shipped with this version of SpendOps (e.g. after an upgrade); idempotent.</summary>
    public async Task<CatalogImportResult> ImportEmbeddedCatalogAsync(string actor, CancellationToken cancellationToken)
    {
        var result = await importer.ImportAsync(await EmbeddedCatalog.ReadAsync(cancellationToken), PriceSource.Catalog, actor, cancellationToken);
        return await AuditImportAsync(result, actor, "price.catalog_imported", cancellationToken);
    }

    /// <summary>
    /// Seeds the embedded catalog when the price table is empty, then corrects the catalog and import prices in
    /// force that break a provider's rule (<see cref="InForcePriceCorrector"/>; nothing to do after the first time).
    /// Call at startup after migrations.
    /// </summary>
    public async Task<CatalogImportResult> SeedCatalogAsync(CancellationToken cancellationToken)
    {
        var seeded = new CatalogImportResult(0, 0, 0);
        if (!await db.ModelPrices.AnyAsync(cancellationToken))
        {
            seeded = await importer.ImportAsync(await EmbeddedCatalog.ReadAsync(cancellationToken), PriceSource.Catalog, SystemActor, cancellationToken);
            await AuditImportAsync(seeded, SystemActor, "price.catalog_seeded", cancellationToken);
        }
        var corrected = await corrector.CorrectAsync(SystemActor, cancellationToken);
        if (corrected.Added == 0)
            return seeded;
        audit.Record(null, SystemActor, "price.catalog_corrected", "model_price", null,
            $"{corrected.Added} price(s) superseded by a corrected version, {corrected.Corrected} rate(s) corrected; records already priced keep their cost until re-rated");
        await db.SaveChangesAsync(cancellationToken);
        return seeded with { Added = seeded.Added + corrected.Added, Corrected = seeded.Corrected + corrected.Corrected };
    }

    /// <summary>The corrections the catalog checks made, and what they found in the current catalog prices but left as it is.</summary>
    public Task<CatalogChecksReport> GetCatalogChecksAsync(CancellationToken cancellationToken) =>
        CatalogChecksQuery.RunAsync(db, clock.GetUtcNow(), cancellationToken);

    /// <summary>What <see cref="RerateAsync"/> would do, without changing anything (for a confirmation dialog).</summary>
    public Task<RerateResult> PreviewRerateAsync(RerateRequest request, CancellationToken cancellationToken) =>
        rerater.RunAsync(request, save: false, SystemActor, cancellationToken);

    /// <summary>
    /// Recomputes the cost of every record in the period with the current price table; records at a reported cost
    /// whose model has a price now move to it. Audited with the totals before and after.
    /// </summary>
    public async Task<RerateResult> RerateAsync(RerateRequest request, string actor, CancellationToken cancellationToken)
    {
        var result = await rerater.RunAsync(request, save: true, actor, cancellationToken);
        audit.Record(request.Scope.IsAllTenants ? null : request.Scope.TenantId, actor, "price.rerated", "usage_period", $"{request.From:u}/{request.To:u}",
            $"provider {request.Provider ?? "*"}, model {request.ModelPattern ?? "*"}: {result.Examined} records, {result.Changed} changed "
            + $"({result.FromReported} from a reported cost to a price), cost {result.CostBefore} USD -> {result.CostAfter} USD");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public Task<IReadOnlyList<UnpricedModel>> ListUnpricedModelsAsync(TenantScope scope, CancellationToken cancellationToken) =>
        UnpricedModelsQuery.RunAsync(db, scope, cancellationToken);

    private async Task<CatalogImportResult> AuditImportAsync(CatalogImportResult result, string actor, string action, CancellationToken cancellationToken)
    {
        audit.Record(null, actor, action, "model_price", null, $"{result.Added} added, {result.Unchanged} unchanged, {result.Skipped} skipped, {result.Corrected} rate(s) corrected by the catalog checks");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static string Describe(ModelPrice p) => $"{p.Provider ?? "*"}/{p.ModelKey}{(p.ServiceTier is null ? "" : "@" + p.ServiceTier)}";
}
