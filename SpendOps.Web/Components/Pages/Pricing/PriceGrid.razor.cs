using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core.Pricing;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// Price rows of the catalog (no tenant) or of one tenant, searched and paged on the server: only the shown page
/// reaches the browser. Each load runs <see cref="PriceService.ListPageAsync"/> in its own DI scope.
/// </summary>
public sealed partial class PriceGrid
{
    private const int FirstPageSize = 25;
    private static readonly int[] pageSizes = [FirstPageSize, 50, 100];
    private MudDataGrid<PriceListItem>? grid;
    private IReadOnlyList<PriceListItem>? prerendered;
    private Func<GridState<PriceListItem>, CancellationToken, Task<GridData<PriceListItem>>>? serverData;
    private string? search;
    private string? provider;
    private bool history;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    /// <summary>Null for the catalog everyone pays; a tenant id for that tenant's own prices.</summary>
    [Parameter]
    public Guid? TenantId { get; set; }

    /// <summary>Prefix of the inputs' ids, unique on the page.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    [Parameter]
    public string AddText { get; set; } = "Add price";

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter]
    public EventCallback OnAdd { get; set; }

    /// <summary>Asks for a new version of a row (rows are never edited in place).</summary>
    [Parameter]
    public EventCallback<ModelPrice> OnNewVersion { get; set; }

    private bool Filtered => !string.IsNullOrWhiteSpace(search) || provider is not null;

    private string EmptyTitle => Filtered ? "No price matches" : TenantId is null ? "The catalog is empty" : "No prices of your own";

    private string EmptyText => Filtered
        ? "Clear the search or the provider, or show history to include replaced versions."
        : TenantId is null
            ? "The catalog is seeded on first start. A global administrator can import a LiteLLM catalog file under Import and re-rate."
            : "Your tenant pays the catalog prices. A tenant price is for a negotiated rate of one model; a discount below takes a percentage off catalog prices.";

    /// <summary>Reloads the current page, e.g. after a price was added.</summary>
    public Task ReloadAsync() => grid is null || serverData is null ? Task.CompletedTask : grid.ReloadServerData();

    // The grid asks ServerData for its first page only once interactive (after its first render), so the prerendered
    // page would show an empty table until the circuit starts: prerendering loads the first page itself instead.
    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
            serverData = LoadAsync;
        else
            prerendered = (await ListPageAsync(0, FirstPageSize, CancellationToken.None)).Items;
    }

    private async Task<GridData<PriceListItem>> LoadAsync(GridState<PriceListItem> state, CancellationToken cancellationToken)
    {
        var page = await ListPageAsync(state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new GridData<PriceListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task<PricePage> ListPageAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PriceService>().ListPageAsync(
            new PriceQuery(search, provider, TenantId, history), skip, take, cancellationToken);
    }

    private Task ProviderChangedAsync(string? value)
    {
        provider = value;
        return SearchAsync();
    }

    private Task HistoryChangedAsync(bool value)
    {
        history = value;
        return SearchAsync();
    }

    // A new search starts again at its first page; moving to it loads it, staying on it needs a reload.
    private async Task SearchAsync()
    {
        if (grid is null || serverData is null)
            return;
        if (grid.CurrentPage == 0)
            await grid.ReloadServerData();
        else
            grid.NavigateTo(Page.First);
    }

    private static string SourceTitle(ModelPrice price) =>
        $"Added by {price.CreatedBy} on {PriceDisplay.Utc(price.CreatedAt)}{(price.Note is { } note ? ": " + note : "")}";
}
