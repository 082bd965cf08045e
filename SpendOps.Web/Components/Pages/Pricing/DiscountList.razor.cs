using Microsoft.AspNetCore.Components;
using SpendOps.Core.Pricing;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// The tenant's discounts, each marked in force, scheduled, replaced or ended, with add and end for administrators.
/// The whole list is loaded and paged in the grid: a row's state depends on the other versions of its scope, and a
/// tenant has a handful of discounts, not thousands of rows.
/// </summary>
public sealed partial class DiscountList
{
    private static readonly int[] pageSizes = [10, 25, 50];
    private IReadOnlyList<DiscountRow>? rows;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Parameter, EditorRequired]
    public Guid TenantId { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter]
    public EventCallback OnAdd { get; set; }

    /// <summary>Asks to end a discount (a 0 % version of its scope).</summary>
    [Parameter]
    public EventCallback<PriceDiscount> OnEnd { get; set; }

    protected override Task OnInitializedAsync() => ReloadAsync();

    public async Task ReloadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var discounts = await scope.ServiceProvider.GetRequiredService<PriceService>().ListDiscountsAsync(TenantId, CancellationToken.None);
        var now = Clock.GetUtcNow();
        // Per scope, the newest version not after now is the one in force (PriceDiscount: a 0 % version ends the scope).
        var current = discounts.Where(d => d.EffectiveFrom <= now)
            .GroupBy(d => (d.Provider?.ToLowerInvariant(), d.ModelPattern?.ToLowerInvariant()))
            .Select(g => g.OrderByDescending(d => d.EffectiveFrom).ThenByDescending(d => d.Id).First().Id)
            .ToHashSet();
        rows = discounts.Select(d => new DiscountRow(d,
                d.EffectiveFrom > now ? "scheduled" : !current.Contains(d.Id) ? "replaced" : d.Percent == 0m ? "ended" : "in force"))
            .ToList();
    }

    private sealed record DiscountRow(PriceDiscount Discount, string State);
}
