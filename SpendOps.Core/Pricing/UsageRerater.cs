using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Recomputes the cost of the records of a period with the current price table (each at the price in force at
/// its own time). This is the one way records at a reported cost move to a price added after them. Works in batches on its own context so a long period neither holds one huge transaction
/// nor disturbs the caller's unit of work. Every cost it changes leaves a <see cref="UsageCostAdjustment"/>, saved with
/// the change in the same batch, so the FOCUS export of the period it happens in can carry the difference.
/// </summary>
internal sealed class UsageRerater(IDbContextFactory<SpendOpsDbContext> contexts, TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<RerateResult> RunAsync(RerateRequest request, bool save, string actor, CancellationToken cancellationToken)
    {
        if (request.From >= request.To)
            throw new DomainException("The re-rate period must end after it starts.");
        if (request.ModelPattern is { } p && !ModelPattern.IsValid(p))
            throw new DomainException($"'{p}' is not a valid model pattern.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prices = await PriceResolver.LoadAsync(db, cancellationToken);
        var pattern = request.ModelPattern is null ? null : new ModelPattern(request.ModelPattern);
        int examined = 0, changed = 0, fromReported = 0;
        decimal before = 0m, after = 0m;
        long lastId = 0;
        while (true)
        {
            var query = db.UsageRecords.Where(r => r.Id > lastId && r.Timestamp >= request.From && r.Timestamp < request.To).InScope(request.Scope);
            if (request.Provider is { } provider)
                query = query.Where(r => r.Provider == provider);
            if (!save)
                query = query.AsNoTracking();
            var batch = await query.OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;

            var now = clock.GetUtcNow();
            foreach (var record in batch.Where(r => pattern is null || Matches(pattern, r)))
            {
                examined++;
                var outcome = RecordPricer.Evaluate(record, prices);
                // Superseded records are re-priced too (they stay consistent) but, as in every total, not counted.
                before += record.Superseded ? 0m : record.CostUsd ?? 0m;
                after += record.Superseded ? 0m : outcome.CostUsd ?? 0m;
                if (outcome.Differs(record))
                {
                    changed++;
                    fromReported += record.PricingStatus == PricingStatus.Reported && outcome.Status != PricingStatus.Reported ? 1 : 0;
                    if (save && RecordPricer.Apply(record, prices, now, out var previous) && CostChanged(previous, record))
                        db.UsageCostAdjustments.Add(UsageCostAdjustment.Of(record, previous, CostAdjustmentReason.Rerate, actor, now));
                }
            }
            if (save)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            lastId = batch[^1].Id;
        }
        return new RerateResult(examined, changed, before, after, fromReported);
    }

    /// <summary>A change of status alone (same cost, price and source) changes no figure anyone has seen.</summary>
    private static bool CostChanged(PricingOutcome before, UsageRecord after) =>
        before.CostUsd != after.CostUsd || before.PriceId != after.PriceId || before.Source != after.CostSource;

    private static bool Matches(ModelPattern pattern, UsageRecord record) =>
        (record.ModelReported is { } reported && pattern.Matches(reported)) || (record.ModelRequested is { } requested && pattern.Matches(requested));
}
