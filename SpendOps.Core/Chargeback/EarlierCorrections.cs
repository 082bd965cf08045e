using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// Calls of earlier periods whose cost was changed (re-rated) during a period, and by how much in all: what the FOCUS
/// file of the period carries as Correction rows on top of the period's own total.
/// </summary>
public sealed record EarlierCorrections(int Calls, decimal DeltaUsd)
{
    public static async Task<EarlierCorrections> GetAsync(SpendOpsDbContext db, TenantScope scope, ChargebackPeriod period, CancellationToken cancellationToken)
    {
        var adjustments = db.UsageCostAdjustments.AsNoTracking()
            .Where(a => a.AdjustedAt >= period.From && a.AdjustedAt < period.To && a.RecordTimestamp < period.From)
            .Where(a => db.UsageRecords.Any(r => r.Id == a.UsageRecordId && !r.Superseded))
            .InScope(scope);
        var calls = await adjustments.Select(a => a.UsageRecordId).Distinct().CountAsync(cancellationToken);
        var delta = calls == 0 ? 0m : await adjustments.SumAsync(a => a.DeltaUsd, cancellationToken);
        return new EarlierCorrections(calls, delta);
    }
}
