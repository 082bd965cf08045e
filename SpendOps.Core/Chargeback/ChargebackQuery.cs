using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// The chargeback view: the cost of record of a period grouped by up to <see cref="ChargebackKey.MaxLevels"/> keys, summed
/// by the database (GROUP BY), compared with the period before, with unattributed spend on its own rows and an optional
/// allocation of it. Same records as <c>usage summary</c> and the dashboard (<see cref="UsageQueries.Apply"/>: superseded
/// telemetry estimates left out), so the totals match.
/// </summary>
public static class ChargebackQuery
{
    public static async Task<ChargebackReport> RunAsync(SpendOpsDbContext db, ChargebackRequest request, TenantCalendar calendar, CancellationToken cancellationToken)
    {
        if (request.Keys.Count is 0 or > ChargebackKey.MaxLevels)
            throw new DomainException($"Group by 1 to {ChargebackKey.MaxLevels} keys.");
        var previousPeriod = request.Period.Previous(calendar);
        // Both periods at once, the previous one on a second context and thread (SQLite's "async" reads run to completion
        // on the caller's thread): the view takes the time of the longer read, not of both (each is a GROUP BY over a
        // month of rollups, about 200 ms at ten million calls on SQLite).
        await using var sibling = db.CreateSibling();
        var previousRead = Task.Run(() => GroupAsync(sibling, request, previousPeriod, cancellationToken), cancellationToken);
        var currentRead = GroupAsync(db, request, request.Period, cancellationToken);
        await Task.WhenAll(currentRead, previousRead);
        var (current, previous) = (currentRead.Result, previousRead.Result);

        var total = current.Aggregate(ChargebackAmounts.Zero, (sum, row) => sum.Add(row.Amounts));
        var previousByKey = previous.ToDictionary(r => Join(r.Values), r => r.Amounts.CostUsd);
        var currentKeys = current.Select(r => Join(r.Values)).ToHashSet();
        var rows = current
            .Select(r => r with
            {
                PreviousCostUsd = previousByKey.GetValueOrDefault(Join(r.Values)),
                Share = total.CostUsd == 0m ? 0m : r.Amounts.CostUsd / total.CostUsd,
            })
            // Rows that had spend only in the previous period still show their drop to zero.
            .Concat(previous.Where(p => !currentKeys.Contains(Join(p.Values)))
                .Select(p => new ChargebackRow(p.Values, ChargebackAmounts.Zero) { PreviousCostUsd = p.Amounts.CostUsd }))
            .ToList();
        rows = ChargebackAllocator.Apply(rows, request.Allocation ?? ChargebackAllocation.None);
        var ordered = rows
            .OrderBy(r => r.Unattributed)
            .ThenByDescending(r => r.Amounts.CostUsd)
            .ThenByDescending(r => r.PreviousCostUsd)
            .ThenBy(r => Join(r.Values), StringComparer.Ordinal)
            .ToList();
        return new ChargebackReport(request, previousPeriod, ordered, total, previous.Sum(p => p.Amounts.CostUsd));
    }

    /// <summary>The records a view covers, for exports that list the calls behind it.</summary>
    public static UsageFilter Filter(ChargebackRequest request, ChargebackPeriod period) =>
        new() { Scope = request.Scope, From = period.From, To = period.To };

    private static async Task<List<ChargebackRow>> GroupAsync(SpendOpsDbContext db, ChargebackRequest request, ChargebackPeriod period, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(Filter(request, period), db.UsageDimensions);
        // Every slot is set (unused ones to null) so later projections can read them.
        var facts = records.Select(r => new ChargebackFact { Record = r, K0 = null, K1 = null, K2 = null, K3 = null });
        for (var slot = 0; slot < request.Keys.Count; slot++)
            facts = WithKey(db, facts, slot, request.Keys[slot]);
        // From rollups where they can answer (one dimension at most), else from the records as below.
        var totals = await ChargebackFactGrouping.TryGroupAsync(db, request.Keys, Filter(request, period), cancellationToken) ?? await facts
            .GroupBy(f => new { f.K0, f.K1, f.K2, f.K3 })
            .Select(g => new ChargebackGroupTotals
            {
                K0 = g.Key.K0,
                K1 = g.Key.K1,
                K2 = g.Key.K2,
                K3 = g.Key.K3,
                Calls = g.Count(),
                InputTokens = g.Sum(f => f.Record.Tokens.InputTokens),
                CacheReadTokens = g.Sum(f => f.Record.Tokens.CacheReadTokens),
                CacheWriteTokens = g.Sum(f => f.Record.Tokens.CacheWrite5mTokens + f.Record.Tokens.CacheWrite1hTokens),
                OutputTokens = g.Sum(f => f.Record.Tokens.OutputTokens),
                CostUsd = g.Sum(f => f.Record.CostUsd ?? 0m),
                MeasuredCostUsd = g.Sum(f => f.Record.Source == UsageSource.Proxy ? f.Record.CostUsd ?? 0m : 0m),
                EstimatedCostUsd = g.Sum(f => f.Record.Source == UsageSource.Telemetry ? f.Record.CostUsd ?? 0m : 0m),
                CalculatedCostUsd = g.Sum(f => f.Record.CostSource == CostSource.Catalog || f.Record.CostSource == CostSource.TenantPrice ? f.Record.CostUsd ?? 0m : 0m),
                ReportedCostUsd = g.Sum(f => f.Record.CostSource == CostSource.Reported ? f.Record.CostUsd ?? 0m : 0m),
                ComparedCalculatedUsd = g.Sum(f => (f.Record.CostSource == CostSource.Catalog || f.Record.CostSource == CostSource.TenantPrice) && f.Record.ProviderCostUsd != null ? f.Record.CostUsd ?? 0m : 0m),
                ComparedReportedUsd = g.Sum(f => (f.Record.CostSource == CostSource.Catalog || f.Record.CostSource == CostSource.TenantPrice) && f.Record.ProviderCostUsd != null ? f.Record.ProviderCostUsd ?? 0m : 0m),
                UnpricedCalls = g.Count(f => f.Record.PricingStatus == PricingStatus.Unpriced || f.Record.PricingStatus == PricingStatus.Pending),
            })
            .ToListAsync(cancellationToken);
        return totals.Select(t => new ChargebackRow(new[] { t.K0, t.K1, t.K2, t.K3 }.Take(request.Keys.Count).ToArray(), new ChargebackAmounts
        {
            Calls = t.Calls,
            InputTokens = t.InputTokens,
            CacheReadTokens = t.CacheReadTokens,
            CacheWriteTokens = t.CacheWriteTokens,
            OutputTokens = t.OutputTokens,
            CostUsd = t.CostUsd,
            MeasuredCostUsd = t.MeasuredCostUsd,
            EstimatedCostUsd = t.EstimatedCostUsd,
            CalculatedCostUsd = t.CalculatedCostUsd,
            ReportedCostUsd = t.ReportedCostUsd,
            ComparedCalculatedUsd = t.ComparedCalculatedUsd,
            ComparedReportedUsd = t.ComparedReportedUsd,
            UnpricedCalls = t.UnpricedCalls,
        })).ToList();
    }

    /// <summary>
    /// Fills key slot <paramref name="slot"/>: a column of the record, or a dimension's value through a LEFT JOIN on
    /// its rows (null when the record has no such dimension: the unattributed rows).
    /// </summary>
    private static IQueryable<ChargebackFact> WithKey(SpendOpsDbContext db, IQueryable<ChargebackFact> facts, int slot, ChargebackKey key)
    {
        if (key.DimensionName is { } name)
        {
            // A record has at most one row per dimension name, so the join never multiplies records.
            var dimension = Expression.Parameter(typeof(UsageDimension), "d");
            var fact = Expression.Parameter(typeof(ChargebackFact), "f");
            var value = Expression.Condition(
                Expression.Equal(dimension, Expression.Constant(null, typeof(UsageDimension))),
                Expression.Constant(null, typeof(string)),
                Expression.Property(dimension, nameof(UsageDimension.Value)));
            var selector = Expression.Lambda<Func<ChargebackFact, UsageDimension?, ChargebackFact>>(SetSlot(fact, slot, value), fact, dimension);
            return facts.LeftJoin(db.UsageDimensions.Where(d => d.Name == name), f => f.Record.Id, d => d.UsageRecordId, selector);
        }
        Expression<Func<UsageRecord, string?>> column = key.Kind switch
        {
            ChargebackKeyKind.Key => r => r.ApiKeyId,
            ChargebackKeyKind.Provider => r => r.Provider,
            ChargebackKeyKind.Model => r => r.ModelReported ?? r.ModelRequested,
            ChargebackKeyKind.Source => r => r.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        var f = Expression.Parameter(typeof(ChargebackFact), "f");
        var columnValue = new ParameterSwap(column.Parameters[0], Expression.Property(f, nameof(ChargebackFact.Record))).Visit(column.Body)!;
        return facts.Select(Expression.Lambda<Func<ChargebackFact, ChargebackFact>>(SetSlot(f, slot, columnValue), f));
    }

    /// <summary><c>new ChargebackFact { Record = f.Record, K0 = f.K0, …, K{slot} = value, … }</c>.</summary>
    private static MemberInitExpression SetSlot(ParameterExpression fact, int slot, Expression value)
    {
        string[] slots = [nameof(ChargebackFact.K0), nameof(ChargebackFact.K1), nameof(ChargebackFact.K2), nameof(ChargebackFact.K3)];
        var bindings = slots.Select((name, i) => Expression.Bind(typeof(ChargebackFact).GetProperty(name)!, i == slot ? value : Expression.Property(fact, name)))
            .Prepend(Expression.Bind(typeof(ChargebackFact).GetProperty(nameof(ChargebackFact.Record))!, Expression.Property(fact, nameof(ChargebackFact.Record))));
        return Expression.MemberInit(Expression.New(typeof(ChargebackFact)), bindings);
    }

    private static string Join(IReadOnlyList<string?> values) => string.Join('\u001f', values.Select(v => v is null ? "\u0000" : v));
}
