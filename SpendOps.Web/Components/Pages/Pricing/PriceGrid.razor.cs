using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor;
using SpendOps.Core.Pricing;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// Price rows of the catalog (no tenant) or of one tenant, searched and paged on the server: only the shown page
/// reaches the browser. Each load runs <see cref="PriceService.ListPageAsync"/> in its own DI scope.
/// </summary>
public sealed partial class PriceGrid : IDisposable
{
    private const int FirstPageSize = 25;
    private static readonly IEnumerable<int> pageSizes = [FirstPageSize, 50, 100];
    private readonly LatestQuery latest = new();
    private RadzenDataGrid<PriceListItem>? grid;
    private IReadOnlyList<PriceListItem>? items;
    private int count;
    private bool loading = true;
    private string? search;
    private string? provider;
    private bool history;
    private bool disposed;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    /// <summary>Null for the catalog everyone pays; a tenant id for that tenant's own prices.</summary>
    [Parameter]
    public Guid? TenantId { get; set; }

    /// <summary>Prefix of the inputs' names, unique on the page.</summary>
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
    public Task ReloadAsync() => disposed || grid is null ? Task.CompletedTask : grid.Reload();

    private Task SearchAsync() => grid?.FirstPage(forceReload: true) ?? Task.CompletedTask;

    // The first page is loaded here, not by the grid: the grid asks LoadData only once interactive, so the
    // prerendered page would show an empty table until the circuit starts. With data, the grid leaves page one alone.
    protected override Task OnInitializedAsync() => LoadAsync(new LoadDataArgs { Skip = 0, Top = FirstPageSize });

    private async Task LoadAsync(LoadDataArgs args)
    {
        loading = true;
        var cancellationToken = latest.Start();
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<PriceService>().ListPageAsync(
                new PriceQuery(search, provider, TenantId, history), args.Skip ?? 0, args.Top ?? FirstPageSize, cancellationToken);
            items = page.Items;
            count = page.TotalCount;
            loading = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer search started while this one ran; its load resets the indicator.
        }
    }

    private static Dictionary<string, object> Aria(string label) => new() { ["aria-label"] = label };

    public void Dispose()
    {
        disposed = true;
        latest.Dispose();
    }
}
