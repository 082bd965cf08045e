using System.Runtime.CompilerServices;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// Turns the cost adjustments of calls of earlier periods (<see cref="ChargebackRecordReader.ReadEarlierAdjustmentsAsync"/>)
/// into FOCUS correction rows. Each adjustment is the call's split (<see cref="FocusChargeSplitter"/>) after the change
/// minus its split before, class by class, so a call moved from a reported cost to a price takes its <c>total</c> back and
/// charges its <c>input</c> and <c>output</c>, and the classes add up to the change exactly. Calls of the same hour that
/// agree on every other column (SKU, price, tags, key, source...) share one row: sums of decimals stay exact, and an
/// hour's rows are written before the next hour is read, so memory stays bounded.
/// </summary>
public static class FocusCorrections
{
    public static async IAsyncEnumerable<FocusCorrection> AggregateAsync(IAsyncEnumerable<AdjustedRecord> adjustments,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var open = new Dictionary<Key, FocusCorrection>();
        DateTimeOffset? openHour = null;
        await foreach (var adjusted in adjustments.WithCancellation(cancellationToken))
        {
            var hour = FocusCsvWriter.Hour(adjusted.Record.Timestamp);
            if (hour != openHour)
            {
                foreach (var row in Flush(open))
                    yield return row;
                openHour = hour;
            }
            Add(open, adjusted);
        }
        foreach (var row in Flush(open))
            yield return row;
    }

    private static void Add(Dictionary<Key, FocusCorrection> open, AdjustedRecord adjusted)
    {
        var (a, record) = (adjusted.Adjustment, adjusted.Record);
        var reason = Reason(a);
        var before = a.CostBeforeUsd is { } was ? FocusChargeSplitter.Split(record, adjusted.PriceBefore, was, a.CostSourceBefore) : [];
        var after = a.CostAfterUsd is { } now ? FocusChargeSplitter.Split(record, adjusted.PriceAfter, now, a.CostSourceAfter) : [];
        var classes = after.Select(c => c.TokenClass).Concat(before.Select(c => c.TokenClass)).Distinct();
        foreach (var tokenClass in classes)
        {
            var billed = after.Where(c => c.TokenClass == tokenClass).Sum(c => c.BilledCostUsd) - before.Where(c => c.TokenClass == tokenClass).Sum(c => c.BilledCostUsd);
            var list = after.Where(c => c.TokenClass == tokenClass).Sum(c => c.ListCostUsd) - before.Where(c => c.TokenClass == tokenClass).Sum(c => c.ListCostUsd);
            var key = new Key(record.TenantId, record.ApiKeyId, record.Provider, record.PricingModel, record.ModelRequested, record.Endpoint, record.Source,
                record.Estimated, record.PricingStatus, FocusCsvWriter.Tags(record.Dims), tokenClass, a.PriceIdAfter, a.CostSourceAfter, reason);
            if (!open.TryGetValue(key, out var row))
                open[key] = row = new FocusCorrection(record, adjusted.PriceAfter, a.CostSourceAfter, tokenClass, reason);
            row.Records++;
            row.BilledCostUsd += billed;
            row.ListCostUsd += list;
        }
    }

    private static List<FocusCorrection> Flush(Dictionary<Key, FocusCorrection> open)
    {
        // A change that moved nothing in a class (the same output tokens at the same rate) is no correction.
        var rows = open.Values.Where(r => r.BilledCostUsd != 0m || r.ListCostUsd != 0m).ToList();
        open.Clear();
        return rows;
    }

    /// <summary>What was corrected: the reason and where the earlier figure came from, e.g. <c>rerate from reported</c>.</summary>
    private static string Reason(UsageCostAdjustment a)
    {
        var was = a.CostBeforeUsd is null ? "unpriced"
            : a.CostSourceBefore == CostSource.Reported ? "reported"
            : a.PriceIdBefore is { } id ? $"price:{id}"
            : "no price";
        return $"{a.Reason.ToString().ToLowerInvariant()} from {was}";
    }

    private readonly record struct Key(Guid TenantId, string? ApiKeyId, string Provider, string? Model, string? ModelRequested, string Endpoint,
        UsageSource Source, bool Estimated, PricingStatus Status, string? Tags, string TokenClass, long? PriceId, CostSource? CostSource, string Reason);
}
