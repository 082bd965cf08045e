using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Reads a connection's raw batches for the portal. Both queries take the tenant, so a batch or connection of
/// another tenant is simply not found.
/// </summary>
public static class TelemetryBatchQueries
{
    public const int MaxPageSize = 200;

    /// <summary>Newest first; the body is not read.</summary>
    public static async Task<TelemetryBatchPage> PageAsync(
        SpendOpsDbContext db, Guid tenantId, Guid connectionId, int skip, int take, CancellationToken cancellationToken)
    {
        var batches = db.TelemetryBatches.AsNoTracking().Where(b => b.TenantId == tenantId && b.ConnectionId == connectionId);
        var total = await batches.CountAsync(cancellationToken);
        var items = await batches
            .OrderByDescending(b => b.ReceivedAt).ThenByDescending(b => b.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(b => new TelemetryBatchListItem(
                b.Id, b.ReceivedAt, b.Signal, b.ContentType, b.ContentEncoding, b.ByteSize, b.DecodedByteSize,
                b.RecordCount, b.UsageRecordCount, b.Outcome, b.Error, b.BodyRedacted, b.IngestKeyId))
            .ToListAsync(cancellationToken);
        return new TelemetryBatchPage(items, total);
    }

    /// <summary>
    /// The body of one batch of the connection, at most <paramref name="maxChars"/> characters of it: bodies can be
    /// megabytes, and the cut is made in the database so a large one is never loaded whole to be shown.
    /// </summary>
    public static async Task<TelemetryBatchBody?> FindBodyAsync(
        SpendOpsDbContext db, Guid tenantId, Guid connectionId, long batchId, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        return await db.TelemetryBatches.AsNoTracking()
            .Where(b => b.Id == batchId && b.TenantId == tenantId && b.ConnectionId == connectionId)
            .Select(b => new TelemetryBatchBody(
                b.Id, b.BodyFormat, b.BodyRedacted, b.Body.Length > maxChars ? b.Body.Substring(0, maxChars) : b.Body, b.Body.Length))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
