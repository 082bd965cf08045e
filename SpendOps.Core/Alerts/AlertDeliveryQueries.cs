using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>Reads a tenant's delivery log a page at a time.</summary>
public static class AlertDeliveryQueries
{
    public const int MaxPageSize = 200;

    public static async Task<AlertDeliveryPage> PageAsync(SpendOpsDbContext db, AlertDeliveryFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.AlertDeliveries.AsNoTracking().Where(d => d.TenantId == filter.TenantId);
        if (filter.Status is { } status)
            query = query.Where(d => d.Status == status);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        var items = rows.Select(d => new AlertDeliveryListItem(
            d.Id, d.AlertId, d.CreatedAt, Display(d.Recipient), d.Channel, d.Kind, d.BudgetName, d.Status, d.Attempts, d.NextAttemptAt, d.LastError, d.SentAt)).ToList();
        return new AlertDeliveryPage(items, total);
    }

    private static string Display(string recipient) =>
        AlertRecipient.TryParse(recipient, out var parsed, out _) ? parsed.Display : recipient;
}
