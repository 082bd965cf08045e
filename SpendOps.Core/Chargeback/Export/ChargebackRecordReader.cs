using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// The calls behind a chargeback view, page by page in id order (never the whole period in memory), each with the price
/// row that rated it. Shared by the Excel detail sheet and the FOCUS file.
/// </summary>
public sealed class ChargebackRecordReader(SpendOpsDbContext db)
{
    private const int PageSize = 1000;

    public async IAsyncEnumerable<RatedRecord> ReadAsync(UsageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        var prices = new Dictionary<long, ModelPrice>();
        long after = 0;
        while (true)
        {
            var page = await records.Where(r => r.Id > after).OrderBy(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
            var missing = page.Where(r => r.PriceId is { } id && !prices.ContainsKey(id)).Select(r => r.PriceId!.Value).Distinct().ToList();
            if (missing.Count > 0)
            {
                foreach (var price in await db.ModelPrices.AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(cancellationToken))
                    prices[price.Id] = price;
            }
            foreach (var record in page)
                yield return new RatedRecord(record, record.PriceId is { } id ? prices.GetValueOrDefault(id) : null);
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Id;
        }
    }

    /// <summary>
    /// The cost adjustments made during <paramref name="period"/> to calls of earlier periods (the corrections a FOCUS
    /// file of the period carries), in the order of the calls' time, page by page. Superseded calls are in no total, so
    /// their adjustments are left out too.
    /// </summary>
    public async IAsyncEnumerable<AdjustedRecord> ReadEarlierAdjustmentsAsync(TenantScope scope, ChargebackPeriod period,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var adjustments = db.UsageCostAdjustments.AsNoTracking()
            .Where(a => a.AdjustedAt >= period.From && a.AdjustedAt < period.To && a.RecordTimestamp < period.From)
            .InScope(scope);
        var joined = adjustments.Join(db.UsageRecords.AsNoTracking().Where(r => !r.Superseded), a => a.UsageRecordId, r => r.Id,
            (a, r) => new { Adjustment = a, Record = r });
        var prices = new Dictionary<long, ModelPrice>();
        (DateTimeOffset At, long Id)? after = null;
        while (true)
        {
            var next = after is { } last
                ? joined.Where(x => x.Adjustment.RecordTimestamp > last.At || (x.Adjustment.RecordTimestamp == last.At && x.Adjustment.Id > last.Id))
                : joined;
            var page = await next.OrderBy(x => x.Adjustment.RecordTimestamp).ThenBy(x => x.Adjustment.Id).Take(PageSize).ToListAsync(cancellationToken);
            var missing = page.SelectMany(x => new[] { x.Adjustment.PriceIdBefore, x.Adjustment.PriceIdAfter }).OfType<long>()
                .Where(id => !prices.ContainsKey(id)).Distinct().ToList();
            if (missing.Count > 0)
            {
                foreach (var price in await db.ModelPrices.AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(cancellationToken))
                    prices[price.Id] = price;
            }
            foreach (var x in page)
            {
                yield return new AdjustedRecord(x.Adjustment, x.Record,
                    x.Adjustment.PriceIdBefore is { } before ? prices.GetValueOrDefault(before) : null,
                    x.Adjustment.PriceIdAfter is { } now ? prices.GetValueOrDefault(now) : null);
            }
            if (page.Count < PageSize)
                yield break;
            after = (page[^1].Adjustment.RecordTimestamp, page[^1].Adjustment.Id);
        }
    }

    /// <summary>The dimension names the calls of a filter carry, sorted: one detail column each.</summary>
    public Task<List<string>> DimensionNamesAsync(UsageFilter filter, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        return db.UsageDimensions.Where(d => records.Any(r => r.Id == d.UsageRecordId)).Select(d => d.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
    }

    /// <summary>Tenant names by id, for the billing account columns.</summary>
    public Task<Dictionary<Guid, string>> TenantNamesAsync(CancellationToken cancellationToken) =>
        db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

    /// <summary>Proxy key names by id, for the sub account columns.</summary>
    public Task<Dictionary<string, string>> KeyNamesAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
}
