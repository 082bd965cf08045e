using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Chargeback;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Chargeback;

/// <summary>
/// The chargeback view for Finance: a period's spend grouped as chosen, with shares, change, unattributed spend and its
/// allocation. The whole view lives in the address (<see cref="ChargebackQueryString"/>), so a link reproduces it and
/// the download buttons export exactly what is shown.
/// </summary>
public sealed partial class Chargeback
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private readonly LatestQuery latest = new();
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateOnly today;
    private ChargebackView? view;
    private IReadOnlyList<string> errors = [];
    private IReadOnlyList<string> dimensionNames = [];
    private IReadOnlyDictionary<string, string> keyNames = new Dictionary<string, string>();
    private ChargebackReport? report;
    private EarlierCorrections? corrections;
    private bool addressChecked;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var tenantCalendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        keyNames = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToDictionaryAsync(k => k.Id, k => k.Name);
        today = tenantCalendar.DateOf(Clock.GetUtcNow());
        calendar = tenantCalendar;
        Navigation.LocationChanged += OnLocationChanged;
        await LoadAsync();
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0];
        if (path == "chargeback")
            _ = InvokeAsync(LoadAsync);
    }

    /// <summary>Reads the view from the address and runs it; an address without a period is given last month's, so a copied link stays that month.</summary>
    private async Task LoadAsync()
    {
        var (read, readErrors) = ChargebackQueryString.Parse(Navigation.Uri, calendar!, Clock.GetUtcNow());
        if (report is not null && view is not null && ChargebackQueryString.Format(read) == ChargebackQueryString.Format(view) && readErrors.SequenceEqual(errors))
            return;
        view = read;
        errors = readErrors;
        report = null;
        corrections = null;
        StateHasChanged();
        var cancellationToken = latest.Start();
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
            var request = read.Request(TenantScope.Of(tenantId), calendar!);
            dimensionNames = await UsageDimensionNamesQuery.GetAsync(db,
                new UsageFilter { Scope = request.Scope, From = request.Period.Previous(calendar!).From, To = request.Period.To }, cancellationToken);
            report = await ChargebackQuery.RunAsync(db, request, calendar!, cancellationToken);
            corrections = await EarlierCorrections.GetAsync(db, request.Scope, request.Period, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer view was chosen while this one loaded.
        }
        StateHasChanged();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only once the page is interactive: a navigation during prerendering would answer with a redirect instead.
        if (addressChecked || view is null)
            return;
        addressChecked = true;
        if (!HasPeriod(Navigation.Uri))
            Navigation.NavigateTo("chargeback" + ChargebackQueryString.Format(view), replace: true);
    }

    private static bool HasPeriod(string uri) =>
        uri.Contains("period=", StringComparison.OrdinalIgnoreCase) || uri.Contains("from=", StringComparison.OrdinalIgnoreCase);

    private Task ChangeAsync(ChargebackView next)
    {
        Navigation.NavigateTo("chargeback" + ChargebackQueryString.Format(next));
        return Task.CompletedTask;
    }

    private string ExportLink(string format) => "api/chargeback/export" + ChargebackQueryString.Format(view!, ("format", format));

    private static string PeriodText(ChargebackPeriod period) => period.FirstDay == period.LastDay
        ? period.FirstDay.ToString("d MMM yyyy", Culture)
        : $"{period.FirstDay.ToString("d MMM yyyy", Culture)} – {period.LastDay.ToString("d MMM yyyy", Culture)}";

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        latest.Dispose();
    }
}
