using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Budgets;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// Times each analytics answer a user sees, through the same query services the portal and the command line call,
/// each on a fresh context as a page gets it: one warm-up run, then the median (and range) of <c>runs</c>. Prints a
/// Markdown table with the 300 ms bar marked, the record count and the database size.
/// </summary>
internal static class QueryBenchmark
{
    private const double BarMs = 300;

    public static async Task RunAsync(IServiceProvider services, string tenantName, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>();
        var clock = TimeProvider.System;
        await using var setup = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await setup.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == tenantName, cancellationToken)
            ?? throw new BenchException($"no tenant '{tenantName}': generate first.");
        var calendar = await TenantCalendar.ForTenantAsync(setup, tenant.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var records = await setup.UsageRecords.LongCountAsync(cancellationToken);
        var tenantRecords = await setup.UsageRecords.LongCountAsync(r => r.TenantId == tenant.Id, cancellationToken);
        var budgets = await setup.Set<Budget>().CountAsync(cancellationToken);
        var size = await DatabaseSize.MeasureAsync(setup, cancellationToken);

        var thisMonth = Filter(tenant.Id, SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, calendar, now));
        var lastMonth = Filter(tenant.Id, SpendPeriod.Resolve(SpendPeriodKind.LastMonth, calendar, now));
        var chargebackMonth = ChargebackPeriod.LastMonth(calendar, now);
        ChargebackKey.TryParseList("dim:team,model", out var chargebackKeys, out _);

        var answers = new List<(string Name, Func<SpendOpsDbContext, Task<string>> Query)>
        {
            ("Dashboard: spend cards (today, month to date, forecast)", async db =>
                Usd((await SpendToDateQuery.GetAsync(db, tenant.Id, calendar, clock, cancellationToken)).MonthToDateUsd) + " month to date"),
            ("Dashboard: dimension names (this month)", async db => $"{(await UsageDimensionNamesQuery.GetAsync(db, thisMonth, cancellationToken)).Count} names"),
            ("Dashboard: period summary by source + attention (this month)", async db =>
            {
                var summary = await TopSpendQuery.GetAsync(db, thisMonth, new UsageGrouping(UsageGroupingKind.Source), 0, cancellationToken);
                var attention = await UsageAttentionQuery.CountAsync(db, thisMonth, cancellationToken);
                return $"{Usd(summary.Total.CostUsd)}, {attention.Unpriced + attention.Incomplete:N0} need attention";
            }),
            ("Dashboard: spend chart by day, split by provider (this month)", async db =>
                Usd((await SpendOverTime.GetAsync(db, thisMonth, calendar, SpendBucketSize.Day, SpendSplit.Provider, maxLines: 8, cancellationToken)).Total)),
            ("Dashboard: top 10 by dim:team (this month)", async db =>
                $"{(await TopSpendQuery.GetAsync(db, thisMonth, new UsageGrouping(UsageGroupingKind.Dimension, "team"), 10, cancellationToken)).Rows.Count} rows"),
            ("Dashboard: cache hit rate by user.email (this month)", async db =>
                $"{(await CacheHitRateQuery.ByDimensionAsync(db, thisMonth, "user.email", cancellationToken)).Count} rows"),
            ("Dashboard: spend chart by day, split by model (last month)", async db =>
                Usd((await SpendOverTime.GetAsync(db, lastMonth, calendar, SpendBucketSize.Day, SpendSplit.Model, maxLines: 8, cancellationToken)).Total)),
            ("Dashboard: top 10 by model (last month)", async db =>
                $"{(await TopSpendQuery.GetAsync(db, lastMonth, new UsageGrouping(UsageGroupingKind.Model), 10, cancellationToken)).Rows.Count} rows"),
            ("Usage summary --by model (last month)", async db =>
                $"{(await UsageQueries.SummarizeAsync(db, lastMonth, new UsageGrouping(UsageGroupingKind.Model), cancellationToken)).Count} rows"),
            ("Usage summary --by dim:customer (last month)", async db =>
                $"{(await UsageQueries.SummarizeAsync(db, lastMonth, new UsageGrouping(UsageGroupingKind.Dimension, "customer"), cancellationToken)).Count} rows"),
            ("Budgets page: status of the tenant's budgets", async db => $"{(await BudgetStatusQuery.ListAsync(db, TenantScope.Of(tenant.Id), clock.GetUtcNow(), cancellationToken)).Count} budgets"),
            ("Chargeback by dim:team,model (last month)", async db =>
            {
                var report = await ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(tenant.Id), chargebackMonth, chargebackKeys), calendar, cancellationToken);
                return $"{report.Rows.Count} rows, {Usd(report.Total.CostUsd)}";
            }),
        };

        var results = new List<(string Name, double[] Ms, string Result)>();
        foreach (var (name, query) in answers)
            results.Add(await TimeAsync(name, runs, () => WithContextAsync(contexts, query, cancellationToken)));
        var evaluator = services.GetRequiredService<BudgetEvaluator>();
        results.Add(await TimeAsync($"Budget evaluation, all {budgets} budgets of all tenants (the job)", runs, async () =>
        {
            var result = await evaluator.EvaluateAllAsync(cancellationToken);
            return $"{result.Evaluated} evaluated, {result.Failed} failed";
        }));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Database: {setup.Database.ProviderName?.Split('.').Last()}, {records:N0} usage records ({tenantRecords:N0} of tenant '{tenant.Name}'), {size}. Load average {LoadAverage()}. Warm, median of {runs} runs (one warm-up first), each on a new context."));
        output.WriteLine();
        output.WriteLine("| answer | median ms | min–max ms | ≤ 300 ms | result |");
        output.WriteLine("|---|---:|---:|---|---|");
        foreach (var (name, ms, result) in results)
        {
            var median = Median(ms);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:N0} | {ms.Min():N0}–{ms.Max():N0} | {(median <= BarMs ? "met" : "**not met**")} | {result} |"));
        }
        var dashboard = results.Where(r => r.Name.StartsWith("Dashboard", StringComparison.Ordinal) && r.Name.EndsWith("(this month)", StringComparison.Ordinal)).Sum(r => Median(r.Ms));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dashboard for this month, its queries one after another: {dashboard:N0} ms ({(dashboard <= BarMs ? "met" : "not met")}). " +
            $"{results.Count(r => Median(r.Ms) <= BarMs)} of {results.Count} answers meet the 300 ms bar."));
    }

    private static async Task<string> WithContextAsync(IDbContextFactory<SpendOpsDbContext> contexts, Func<SpendOpsDbContext, Task<string>> query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await query(db);
    }

    private static async Task<(string, double[], string)> TimeAsync(string name, int runs, Func<Task<string>> run)
    {
        var result = await run();
        var ms = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            result = await run();
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query: {name}: {Median(ms):N0} ms"));
        return (name, ms, result);
    }

    private static UsageFilter Filter(Guid tenantId, SpendPeriod period) => new() { Scope = TenantScope.Of(tenantId), From = period.From, To = period.To };

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Usd(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
