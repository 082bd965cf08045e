using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;
using InvoiceSummary = SpendOps.Core.Chargeback.Reports.Invoice;

namespace SpendOps.Web.Components.Pages.Reports;

/// <summary>
/// A printable summary of one dimension value for a month (<c>?period=2026-11&amp;dim=team&amp;value=backend</c>), from the
/// chargeback query, so its total is that value's line of the chargeback.
/// </summary>
public sealed partial class Invoice
{
    private InvoiceSummary? invoice;
    private string? error;
    private string label = "", tenantName = "", timeZone = "";

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "period")]
    public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = "dim")]
    public string? Dim { get; set; }

    [SupplyParameterFromQuery(Name = "value")]
    public string? Value { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        (invoice, error) = (null, null);
        if (!DateOnly.TryParseExact(Period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            error = "Give the month as period=YYYY-MM, e.g. period=2026-11.";
            return;
        }
        if (string.IsNullOrWhiteSpace(Dim) || !ChargebackKey.TryParse("dim:" + Dim, out var key))
        {
            error = "Give a dimension name as dim=NAME, e.g. dim=team.";
            return;
        }
        if (string.IsNullOrWhiteSpace(Value))
        {
            error = "Give the dimension's value as value=VALUE, e.g. value=backend.";
            return;
        }
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId);
        var calendar = TenantCalendar.For(tenant.TimeZone);
        (tenantName, timeZone, label) = (tenant.Name, calendar.Zone.Id, $"{key.Dimension} {Value}");
        try
        {
            invoice = await InvoiceQuery.RunAsync(db, tenantId, calendar, ChargebackPeriod.Month(calendar, month.Year, month.Month), key, Value, CancellationToken.None);
        }
        catch (DomainException ex)
        {
            error = ex.Message;
        }
    }

    private static string Usd(decimal value) => "$" + value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
