using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>Builds an <see cref="Invoice"/> from the chargeback view grouped by the key, then model.</summary>
public static class InvoiceQuery
{
    public static async Task<Invoice> RunAsync(
        SpendOpsDbContext db, Guid tenantId, TenantCalendar calendar, ChargebackPeriod period, ChargebackKey key, string value, CancellationToken cancellationToken)
    {
        if (key.Kind == ChargebackKeyKind.Model)
            throw new DomainException("An invoice is by model already; choose a dimension, key, provider, source or user.");
        var request = new ChargebackRequest(TenantScope.Of(tenantId), period, [key, new ChargebackKey(ChargebackKeyKind.Model)]);
        var report = await ChargebackQuery.RunAsync(db, request, calendar, cancellationToken);
        var lines = report.Rows
            .Where(r => r.Values[0] == value && r.Amounts.Calls > 0)
            .Select(r => new InvoiceLine(r.Values[1] ?? ChargebackRow.UnattributedLabel, r.Amounts))
            .ToList();
        return new Invoice(period, key, value, lines, lines.Aggregate(ChargebackAmounts.Zero, (sum, line) => sum.Add(line.Amounts)));
    }
}
