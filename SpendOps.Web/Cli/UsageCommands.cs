using System.Globalization;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Cli;

internal static class UsageCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("usage export", "usage export --from ISO --to ISO [--format csv|jsonl] [--tenant NAME] [--output FILE]",
            ["from", "to", "format", "tenant", "output"], [], ExportAsync),
        new("usage summary", "usage summary --from ISO --to ISO --by model|key|provider|endpoint|source|dim:NAME [--tenant NAME] [--json]",
            ["from", "to", "by", "tenant"], ["json"], SummaryAsync),
    ];

    private static async Task<int> ExportAsync(CliContext context)
    {
        var format = context.Args.Option("format")?.ToLowerInvariant() switch
        {
            null or "csv" => UsageExportFormat.Csv,
            "jsonl" => UsageExportFormat.Jsonl,
            var other => throw new CliUsageException($"--format '{other}' is not csv or jsonl"),
        };
        var filter = await FilterAsync(context);
        var exporter = context.Get<UsageExporter>();
        if (context.Args.Option("output") is { } path)
        {
            await using var file = new StreamWriter(path);
            var written = await exporter.WriteAsync(filter, format, file, context.CancellationToken);
            await Console.Error.WriteLineAsync($"Wrote {written} record(s) to {path}.");
        }
        else
        {
            await exporter.WriteAsync(filter, format, context.Out, context.CancellationToken);
        }
        return 0;
    }

    private static async Task<int> SummaryAsync(CliContext context)
    {
        var by = context.Args.RequiredOption("by");
        if (!UsageGrouping.TryParse(by, out var grouping))
            throw new CliUsageException($"--by '{by}' is not model, key, provider, endpoint, source or dim:NAME");
        var filter = await FilterAsync(context);
        var rows = await UsageQueries.SummarizeAsync(context.Get<SpendOpsDbContext>(), filter, grouping, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, rows.Select(r => new
            {
                key = r.Key,
                requests = r.Requests,
                inputTokens = r.InputTokens,
                cacheReadTokens = r.CacheReadTokens,
                cacheWriteTokens = r.CacheWriteTokens,
                outputTokens = r.OutputTokens,
                reasoningTokens = r.ReasoningTokens,
                costUsd = r.CostUsd,
                catalogCostUsd = r.CatalogCostUsd,
                tenantPriceCostUsd = r.TenantPriceCostUsd,
                reportedCostUsd = r.ReportedCostUsd,
                providerCostUsd = r.ProviderCostUsd,
                reported = r.Reported,
                unpriced = r.Unpriced,
                incomplete = r.Incomplete,
                cacheHitRate = Math.Round(r.CacheHitRate, 4),
            }));
            return 0;
        }
        CliOutput.WriteTable(context.Out,
            [grouping.ToString().ToUpperInvariant(), "REQUESTS", "INPUT", "CACHE READ", "CACHE WRITE", "OUTPUT", "COST USD", "COST FROM", "UNPRICED", "INCOMPLETE"],
            rows.Select(r => new[]
            {
                r.Key ?? "(none)", N(r.Requests), N(r.InputTokens), N(r.CacheReadTokens), N(r.CacheWriteTokens), N(r.OutputTokens),
                UsageExporter.Money(r.CostUsd), CostFrom(r), N(r.Unpriced), N(r.Incomplete),
            }));
        if (rows.Count > 0)
        {
            var total = rows.Sum(r => r.CostUsd);
            context.Out.WriteLine($"Total: {N(rows.Sum(r => r.Requests))} request(s), ${UsageExporter.Money(total)} "
                + $"(catalog ${UsageExporter.Money(rows.Sum(r => r.CatalogCostUsd))}, tenant price ${UsageExporter.Money(rows.Sum(r => r.TenantPriceCostUsd))}, "
                + $"reported ${UsageExporter.Money(rows.Sum(r => r.ReportedCostUsd))})");
            if (rows.Sum(r => r.Unpriced) is var unpriced and > 0)
                context.Out.WriteLine($"{N(unpriced)} unpriced record(s) have no cost yet and are not in the total: see 'usage unpriced'.");
        }
        return 0;
    }

    private static async Task<UsageFilter> FilterAsync(CliContext context)
    {
        var from = context.Args.DateOption("from") ?? throw new CliUsageException($"'{context.Args.CommandName}' needs --from");
        var to = context.Args.DateOption("to") ?? throw new CliUsageException($"'{context.Args.CommandName}' needs --to");
        if (to <= from)
            throw new CliUsageException("--to must be after --from");
        var scope = await CliTenantScope.FromOptionAsync(context);
        return new UsageFilter { From = from, To = to, Scope = scope };
    }

    /// <summary>Where a row's cost came from, e.g. "catalog" or "catalog + reported".</summary>
    private static string CostFrom(UsageSummaryRow row) =>
        row.CostBySource.Count == 0 ? "-" : string.Join(" + ", row.CostBySource.Select(part => part.Source));

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
