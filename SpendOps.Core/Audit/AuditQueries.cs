using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Audit;

/// <summary>Reads a tenant's audit trail a page at a time; the table grows forever, so it is never loaded whole.</summary>
public static class AuditQueries
{
    public const int MaxPageSize = 200;

    public static async Task<AuditPage> PageAsync(SpendOpsDbContext db, AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.TenantId == filter.TenantId);
        if (!string.IsNullOrEmpty(filter.Action))
            query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from)
            query = query.Where(a => a.At >= from);
        if (filter.To is { } to)
            query = query.Where(a => a.At < to);

        var total = await query.CountAsync(cancellationToken);
        // The id breaks ties between entries of the same instant, so pages never overlap or skip.
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return new AuditPage(entries, total);
    }

    /// <summary>The actions that occur in a tenant's trail, for the filter list.</summary>
    public static async Task<IReadOnlyList<string>> ActionsAsync(SpendOpsDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var actions = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TenantId == tenantId)
            .Select(a => a.Action)
            .Distinct()
            .ToListAsync(cancellationToken);
        return actions.Order(StringComparer.Ordinal).ToList();
    }
}
