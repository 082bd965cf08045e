using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Radzen;
using Radzen.Blazor;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Audit;

/// <summary>The tenant's audit trail, read from the database one page at a time (the grid's LoadData), with filters.</summary>
public sealed partial class Audit
{
    private RadzenDataGrid<AuditEntry> grid = null!;
    // Null until the first LoadData: the grid only asks for its first page while it has no data.
    private IReadOnlyList<AuditEntry>? entries;
    private IReadOnlyList<string> actions = [];
    private int count;
    private bool loading;
    private string? action;
    private DateTime? from;
    private DateTime? to;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        actions = await AuditQueries.ActionsAsync(db, tenantId, CancellationToken.None);
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        loading = true;
        try
        {
            var filter = new AuditFilter(await Tenant.GetTenantIdAsync())
            {
                Action = action,
                From = from is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f.Date, DateTimeKind.Utc)) : null,
                To = to is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc)) : null,
            };
            await using var db = await Contexts.CreateDbContextAsync();
            var page = await AuditQueries.PageAsync(db, filter, args.Skip ?? 0, args.Top ?? 25, CancellationToken.None);
            entries = page.Entries;
            count = page.TotalCount;
        }
        finally
        {
            loading = false;
        }
    }

    private Task FilterChangedAsync() => grid.FirstPage(forceReload: true);

    private Task ClearAsync()
    {
        action = null;
        from = null;
        to = null;
        return FilterChangedAsync();
    }
}
