using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// The catalogue half of <see cref="ApiKeyCacheRefresher"/>: reloads the catalogues of tenants whose
/// <c>DimsChangedAt</c> moved since the last look (deletions bump it too), with the same overlap as for keys.
/// </summary>
internal sealed class TenantDimsRefresh(TenantDimsCache cache)
{
    private DateTimeOffset? watermark;

    public async Task RefreshAsync(SpendOpsDbContext db, bool full, TimeSpan overlap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        full |= watermark is null;
        var tenants = db.Tenants.AsNoTracking();
        if (!full)
        {
            var since = watermark!.Value - overlap;
            tenants = tenants.Where(t => t.DimsChangedAt >= since);
        }
        var changed = await tenants.Select(t => new { t.Id, t.DimsChangedAt }).ToListAsync(cancellationToken);
        var ids = changed.Select(t => t.Id).ToList();
        var rows = full
            ? await db.TenantDimensions.AsNoTracking().ToListAsync(cancellationToken)
            : ids.Count == 0 ? [] : await db.TenantDimensions.AsNoTracking().Where(d => ids.Contains(d.TenantId)).ToListAsync(cancellationToken);
        if (full)
            cache.ReplaceAll(ids, rows);
        else
            cache.Apply(ids, rows);

        var newest = changed.Count == 0 ? (DateTimeOffset?)null : changed.Max(t => t.DimsChangedAt);
        watermark = newest is { } n && (watermark is null || n > watermark) ? n : watermark ?? now;
    }
}
