using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Web.Components.Pages.Dashboard;

/// <summary>
/// Spend at a glance for every signed-in user: today, month to date and forecast, and for the chosen period the
/// total, a chart, the top groups and cache hit rates. Each card loads its own numbers with its own context.
/// </summary>
public sealed partial class Dashboard
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private readonly LatestQuery latest = new();
    private Guid tenantId;
    private TenantCalendar? calendar;
    private bool hasUsage;
    private DateOnly today;
    private PeriodChoice choice = new(SpendPeriodKind.ThisMonth);
    private SpendPeriod? period;
    private UsageFilter filter = new();
    private IReadOnlyList<string> dimensionNames = [];

    protected override async Task OnInitializedAsync()
    {
        tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var tenantCalendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        hasUsage = await db.UsageRecords.AnyAsync(r => r.TenantId == tenantId);
        today = tenantCalendar.DateOf(Clock.GetUtcNow());
        calendar = tenantCalendar;
        await SelectAsync(choice);
    }

    private Task PeriodChangedAsync(PeriodChoice value) => SelectAsync(value);

    private async Task SelectAsync(PeriodChoice value)
    {
        choice = value;
        period = value.Resolve(calendar!, Clock.GetUtcNow());
        var next = new UsageFilter { Scope = TenantScope.Of(tenantId), From = period.From, To = period.To };
        var cancellationToken = latest.Start();
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
            dimensionNames = await UsageDimensionNamesQuery.GetAsync(db, next, cancellationToken);
            filter = next;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer period was chosen while this one loaded.
        }
    }

    /// <summary>The dates the cards below cover and the zone their days are in: "1 Mar 2026 – 31 Mar 2026 · times in UTC".</summary>
    private string PeriodNote()
    {
        var dates = period!.LastDay == period.FirstDay
            ? period.FirstDay.ToString("d MMM yyyy", Culture)
            : $"{period.FirstDay.ToString("d MMM yyyy", Culture)} – {period.LastDay.ToString("d MMM yyyy", Culture)}";
        return $"{dates} · times in {calendar!.Zone.Id}";
    }

    public void Dispose() => latest.Dispose();
}
