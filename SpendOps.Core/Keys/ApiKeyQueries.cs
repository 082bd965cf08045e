using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Keys;

/// <summary>Read-only key queries for the portal. Always scoped to one tenant.</summary>
public static class ApiKeyQueries
{
    public static async Task<IReadOnlyList<ApiKeySummary>> ListAsync(SpendOpsDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.SecretHint, k.Status, k.Policy, k.CreatedAt, k.CreatedBy, k.UpdatedAt, k.LastUsedAt, k.ExpiresAt, k.RotatedAt))
            .ToListAsync(cancellationToken);
        // Sorted in memory so the order (case-insensitive) is the same on every database engine.
        return keys.OrderBy(k => k.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The key, or null when it does not exist or belongs to another tenant (the two are indistinguishable).</summary>
    public static Task<ApiKeySummary?> FindAsync(SpendOpsDbContext db, Guid tenantId, string id, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId && k.Id == id)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.SecretHint, k.Status, k.Policy, k.CreatedAt, k.CreatedBy, k.UpdatedAt, k.LastUsedAt, k.ExpiresAt, k.RotatedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
