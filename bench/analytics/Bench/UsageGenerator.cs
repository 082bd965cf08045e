using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// Fills the configured database with <c>records</c> calls over the last <see cref="Seasonality.Days"/> days, oldest
/// first (as the proxy writes them), in batches of <see cref="BatchSize"/>, printing progress.
/// </summary>
internal static class UsageGenerator
{
    private const int BatchSize = 50_000;

    public static async Task RunAsync(IServiceProvider services, long records, int seed, TextWriter output, CancellationToken cancellationToken)
    {
        if (records <= 0)
            throw new BenchException("--records must be a positive number.");
        var random = new Random(seed);
        var started = Stopwatch.StartNew();
        var fleet = await Fleet.CreateAsync(services, random, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            throw new BenchException("the database is not migrated: run the product's command line once first (bench/analytics.sh does).");
        var models = await ModelMix.LoadAsync(db, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate: {Fleet.Describe(fleet)}; {models.ProviderCount} providers, {models.ModelCount} models from the price catalog ({started.Elapsed.TotalSeconds:F1} s)"));

        var factory = new RecordFactory(models, random);
        var shares = Cumulative(fleet);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var firstDay = today.AddDays(-Seasonality.Days + 1);
        var perDay = Seasonality.CallsPerDay(firstDay, records, random);
        await using IRecordSink sink = db.Database.IsNpgsql()
            ? await PostgresRecordSink.OpenAsync(db, cancellationToken)
            : await SqliteRecordSink.OpenAsync(db, cancellationToken);
        var batch = new List<UsageRecord>(BatchSize);
        long written = 0;
        var fill = Stopwatch.StartNew();
        for (var d = 0; d < Seasonality.Days; d++)
        {
            var day = firstDay.AddDays(d);
            foreach (var instant in Seasonality.Instants(day, perDay[d], DateTimeOffset.UtcNow, random))
            {
                batch.Add(factory.Create(fleet[Pick(shares, random)], instant));
                if (batch.Count == BatchSize)
                    written += await FlushAsync(sink, batch, cancellationToken);
            }
            if (d % 30 == 29)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generate: {day:yyyy-MM-dd}, {written + batch.Count:N0} records, {written / Math.Max(fill.Elapsed.TotalSeconds, 0.001):N0}/s"));
        }
        written += await FlushAsync(sink, batch, cancellationToken);
        await sink.FinishAsync(cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate: {written:N0} records in {fill.Elapsed.TotalSeconds:F0} s ({written / Math.Max(fill.Elapsed.TotalSeconds, 0.001):N0}/s), {started.Elapsed.TotalSeconds:F0} s in all"));
    }

    private static async Task<long> FlushAsync(IRecordSink sink, List<UsageRecord> batch, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        if (count > 0)
            await sink.WriteAsync(batch, cancellationToken);
        batch.Clear();
        return count;
    }

    private static double[] Cumulative(IReadOnlyList<FleetTenant> fleet)
    {
        var running = 0.0;
        return fleet.Select(t => running += t.Share).ToArray();
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
