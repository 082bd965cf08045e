using Microsoft.AspNetCore.Components;
using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// What the catalog checks corrected and what they left for review (<see cref="PriceService.GetCatalogChecksAsync"/>),
/// with how to re-rate calls priced before a correction. The page shows it to administrators only. Both lists are
/// short (a few dozen catalog rows at most) and computed as a whole, so the grids page them in memory.
/// </summary>
public sealed partial class CatalogChecks
{
    private const int PageSize = 25;
    private static readonly int[] pageSizes = [PageSize, 50, 100];
    private CatalogChecksReport? report;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        report = await scope.ServiceProvider.GetRequiredService<PriceService>().GetCatalogChecksAsync(CancellationToken.None);
    }

    private static string Model(string? provider, string modelKey, string? tier) =>
        $"{provider ?? "any provider"} · {modelKey}{(tier is null ? "" : " (" + tier + ")")}";

    private static string Applied(PriceCorrection c) => c.ReplacedPriceId is { } replaced
        ? $"at start-up {PriceDisplay.Utc(c.CreatedAt)}, replacing price #{replaced} from {PriceDisplay.EffectiveFrom(c.Price!.EffectiveFrom)}"
        : $"on import {PriceDisplay.Utc(c.CreatedAt)}";
}
