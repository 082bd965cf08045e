using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// The catalogue half of <see cref="ApiKeyCacheRefresher"/>: reloads the catalogues of tenants whose
/// <c>DimsChangeVersion</c> moved past the highest one seen (deletions bump it too), as for keys.
/// </summary>
internal sealed class TenantDimsRefresh(TenantDimsCache cache)
{
    private long? seenVersion;

    public async Task RefreshAsync(SpendOpsDbContext db, bool full, CancellationToken cancellationToken)
    {
        full |= seenVersion is null;
        var tenants = db.Tenants.AsNoTracking();
        if (!full)
        {
            var since = seenVersion!.Value;
            tenants = tenants.Where(t => t.DimsChangeVersion > since);
        }
        var changed = await tenants.Select(t => new { t.Id, t.DimsChangeVersion }).ToListAsync(cancellationToken);
        var ids = changed.Select(t => t.Id).ToList();
        var rows = full
            ? await db.TenantDimensions.AsNoTracking().ToListAsync(cancellationToken)
            : ids.Count == 0 ? [] : await db.TenantDimensions.AsNoTracking().Where(d => ids.Contains(d.TenantId)).ToListAsync(cancellationToken);
        if (full)
            cache.ReplaceAll(ids, rows);
        else
            cache.Apply(ids, rows);

        var newest = changed.Count == 0 ? 0 : changed.Max(t => t.DimsChangeVersion);
        seenVersion = Math.Max(seenVersion ?? 0, newest);
    }
}
