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
        var current = await GroupAsync(db, request, request.Period, cancellationToken);
        var previous = await GroupAsync(db, request, previousPeriod, cancellationToken);

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
        new() { TenantId = request.TenantId, From = period.From, To = period.To };

    private static async Task<List<ChargebackRow>> GroupAsync(SpendOpsDbContext db, ChargebackRequest request, ChargebackPeriod period, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(Filter(request, period), db.UsageDimensions);
        var totals = await records.Select(Projection(db, request.Keys))
            .GroupBy(f => new { f.K0, f.K1, f.K2, f.K3 })
            .Select(g => new ChargebackGroupTotals
            {
                K0 = g.Key.K0,
                K1 = g.Key.K1,
                K2 = g.Key.K2,
                K3 = g.Key.K3,
                Calls = g.Count(),
                InputTokens = g.Sum(f => f.InputTokens),
                CacheReadTokens = g.Sum(f => f.CacheReadTokens),
                CacheWriteTokens = g.Sum(f => f.CacheWriteTokens),
                OutputTokens = g.Sum(f => f.OutputTokens),
                CostUsd = g.Sum(f => f.CostUsd ?? 0m),
                MeasuredCostUsd = g.Sum(f => f.Source == UsageSource.Proxy ? f.CostUsd ?? 0m : 0m),
                EstimatedCostUsd = g.Sum(f => f.Source == UsageSource.Telemetry ? f.CostUsd ?? 0m : 0m),
                CalculatedCostUsd = g.Sum(f => f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice ? f.CostUsd ?? 0m : 0m),
                ReportedCostUsd = g.Sum(f => f.CostSource == CostSource.Reported ? f.CostUsd ?? 0m : 0m),
                ComparedCalculatedUsd = g.Sum(f => (f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice) && f.ProviderCostUsd != null ? f.CostUsd ?? 0m : 0m),
                ComparedReportedUsd = g.Sum(f => (f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice) && f.ProviderCostUsd != null ? f.ProviderCostUsd ?? 0m : 0m),
                UnpricedCalls = g.Count(f => f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending),
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
    /// <c>r =&gt; new ChargebackFact { K0 = key0(r), …, CostUsd = r.CostUsd, … }</c>: the summed columns come from a
    /// written lambda, the key slots are put in as expressions (unused slots stay null, which groups nothing apart).
    /// </summary>
    private static Expression<Func<UsageRecord, ChargebackFact>> Projection(SpendOpsDbContext db, IReadOnlyList<ChargebackKey> keys)
    {
        Expression<Func<UsageRecord, ChargebackFact>> template = r => new ChargebackFact
        {
            Source = r.Source,
            CostUsd = r.CostUsd,
            CostSource = r.CostSource,
            ProviderCostUsd = r.ProviderCostUsd,
            PricingStatus = r.PricingStatus,
            InputTokens = r.Tokens.InputTokens,
            CacheReadTokens = r.Tokens.CacheReadTokens,
            CacheWriteTokens = r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens,
            OutputTokens = r.Tokens.OutputTokens,
        };
        var record = template.Parameters[0];
        var init = (MemberInitExpression)template.Body;
        string[] slots = [nameof(ChargebackFact.K0), nameof(ChargebackFact.K1), nameof(ChargebackFact.K2), nameof(ChargebackFact.K3)];
        var keyBindings = keys.Select((key, i) =>
        {
            var expression = KeyExpression(db, key);
            return Expression.Bind(typeof(ChargebackFact).GetProperty(slots[i])!, new ParameterSwap(expression.Parameters[0], record).Visit(expression.Body)!);
        });
        return Expression.Lambda<Func<UsageRecord, ChargebackFact>>(Expression.MemberInit(init.NewExpression, init.Bindings.Concat(keyBindings)), record);
    }

    private static Expression<Func<UsageRecord, string?>> KeyExpression(SpendOpsDbContext db, ChargebackKey key)
    {
        if (key.DimensionName is { } name)
        {
            var dimensions = db.UsageDimensions;
            // A record has at most one value per dimension name; MAX picks it without ORDER BY/LIMIT in the subquery.
            return r => dimensions.Where(d => d.UsageRecordId == r.Id && d.Name == name).Max(d => d.Value);
        }
        return key.Kind switch
        {
            ChargebackKeyKind.Key => r => r.ApiKeyId,
            ChargebackKeyKind.Provider => r => r.Provider,
            ChargebackKeyKind.Model => r => r.ModelReported ?? r.ModelRequested,
            ChargebackKeyKind.Source => r => r.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
    }

    private static string Join(IReadOnlyList<string?> values) => string.Join('\u001f', values.Select(v => v is null ? "\u0000" : v));

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
