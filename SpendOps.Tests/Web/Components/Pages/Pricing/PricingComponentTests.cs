using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using SpendOps.Core.Pricing;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>
/// Pricing components over the real <see cref="PriceService"/>, the portal's real policies (who may change catalog
/// prices is a role rule, not a name) and an interactive renderer, as in a browser once the circuit runs.
/// </summary>
public abstract class PricingComponentTests : PortalComponentTests
{
    /// <param name="clock">The time the components see (the period "this month", the state of a price); the system clock by default.</param>
    protected PricingComponentTests(TimeProvider? clock = null)
    {
        if (clock is not null)
            Services.AddSingleton(clock);
        Services.AddScoped<CatalogImporter>();
        Services.AddScoped<PriceService>();
        // bunit's fake authorization knows policies only by name; the pricing roles must be checked against the real rules.
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Adds a price row as the catalog import would (tenant null) or as a tenant's own price.</summary>
    protected async Task<ModelPrice> SeedPriceAsync(string model, decimal input, decimal output, Guid? tenantId = null, DateTimeOffset? from = null)
    {
        var price = new ModelPrice
        {
            TenantId = tenantId, Provider = "openai", ModelKey = model, InputPerMTok = input, OutputPerMTok = output,
            EffectiveFrom = from ?? CatalogImporter.FirstPriceEffectiveFrom, Source = tenantId is null ? PriceSource.Import : PriceSource.Manual,
            CreatedBy = "seed", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        await using var db = CreateContext();
        db.ModelPrices.Add(price);
        await db.SaveChangesAsync();
        return price;
    }
}
