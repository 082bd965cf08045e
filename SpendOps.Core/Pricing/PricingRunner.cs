using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Jobs;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Prices pending usage records, and re-tries unpriced ones whenever the price table has changed, each with
/// the price in force at the record's own time. Records at a reported cost are left alone: moving them to a price
/// changes a number people have seen, so it takes an explicit re-rate (<see cref="PriceService.RerateAsync"/>). <see cref="PricingJob"/> calls it on a schedule; tests and the
/// CLI call <see cref="RunOnceAsync"/> directly.
/// </summary>
public sealed class PricingRunner(
    IDbContextFactory<SpendOpsDbContext> contexts, IOptionsMonitor<JobsOptions> options, BudgetEvaluationSignal budgets, TimeProvider clock, PricingMetrics metrics)
{
    // Written only by RunOnceAsync, which the job never runs concurrently ([DisableConcurrentExecution]).
    private PriceTableVersion? unpricedRetriedAt;

    public async Task<PricingRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.CurrentValue.Pricing.BatchSize;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prices = await PriceResolver.LoadAsync(db, cancellationToken);
        // Unpriced records can only change when a price was added; without this, every run would re-read all of them.
        var retryUnpriced = unpricedRetriedAt != prices.Version;

        int examined = 0, priced = 0, unpriced = 0, notBillable = 0, reported = 0;
        // Unpriced ones first: a pending record this run leaves unpriced is then not read a second time.
        PricingStatus[] statuses = retryUnpriced ? [PricingStatus.Unpriced, PricingStatus.Pending] : [PricingStatus.Pending];
        foreach (var status in statuses)
        {
            long lastId = 0;
            while (await WaitingBatch(db, status, lastId, batchSize).ToListAsync(cancellationToken) is { Count: > 0 } batch)
            {
                var now = clock.GetUtcNow();
                foreach (var record in batch)
                {
                    examined++;
                    var wasUnpriced = record.PricingStatus == PricingStatus.Unpriced;
                    if (!RecordPricer.Apply(record, prices, now) && wasUnpriced)
                        continue;
                    switch (record.PricingStatus)
                    {
                        case PricingStatus.Priced: priced++; break;
                        case PricingStatus.Unpriced: unpriced++; break;
                        case PricingStatus.NotBillable: notBillable++; break;
                        case PricingStatus.Reported: reported++; break;
                    }
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                lastId = batch[^1].Id;
            }
        }

        unpricedRetriedAt = prices.Version;
        var result = new PricingRunResult(examined, priced, unpriced, notBillable, reported);
        metrics.RecordRun(result);
        // Telemetry records arrive unpriced: the spend they add counts toward budgets from here, so evaluate now.
        if (priced + reported > 0)
            budgets.Notify();
        return result;
    }

    /// <summary>
    /// The next records with <paramref name="status"/> (pending or unpriced) after <paramref name="afterId"/>, through
    /// the index of records waiting for a price. The condition repeats that index's own filter (<c>IN (pending,
    /// unpriced)</c>) and the order is the index's: SQLite uses a partial index only when the query's WHERE states its
    /// filter, and otherwise walked the whole table in id order on every run (15 s over ten million records, every 5 s).
    /// </summary>
    internal static IQueryable<UsageRecord> WaitingBatch(SpendOpsDbContext db, PricingStatus status, long afterId, int batchSize) => db.UsageRecords
        .Where(r => (r.PricingStatus == PricingStatus.Pending || r.PricingStatus == PricingStatus.Unpriced) && r.PricingStatus == status && r.Id > afterId)
        .OrderBy(r => r.PricingStatus)
        .ThenBy(r => r.Id)
        .Take(batchSize);
}
