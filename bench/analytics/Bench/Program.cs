using System.Globalization;
using SpendOps.Bench.Analytics;

// bench/analytics.sh drives this: "generate --records N" fills the configured database (already migrated by the
// product's command line), "query [--runs 5]" times the analytics answers and prints a Markdown table. The database
// comes from the same settings as the product: Database__Provider and ConnectionStrings__SpendOps.
if (args.Length == 0 || args[0] is not ("generate" or "query"))
{
    Console.Error.WriteLine("usage: generate --records N [--seed S] | query [--runs N] [--tenant NAME]");
    return 2;
}
string? Option(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
using var host = BenchHost.Build();
try
{
    if (args[0] == "generate")
    {
        var records = long.Parse(Option("records") ?? "1000000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option("seed") ?? "20261202", CultureInfo.InvariantCulture);
        await UsageGenerator.RunAsync(host.Services, records, seed, Console.Out, CancellationToken.None);
    }
    else
    {
        var runs = int.Parse(Option("runs") ?? "5", CultureInfo.InvariantCulture);
        await QueryBenchmark.RunAsync(host.Services, Option("tenant") ?? Fleet.BigTenantName, runs, Console.Out, CancellationToken.None);
    }
    return 0;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
