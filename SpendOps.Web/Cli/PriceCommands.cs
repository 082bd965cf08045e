using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Cli;

internal static class PriceCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("prices list", "prices list [--model PATTERN] [--provider P] [--tenant NAME] [--history] [--json]",
            ["model", "provider", "tenant"], ["history", "json"], ListAsync),
        new("prices set",
            "prices set --provider P --model M --input-per-mtok X --output-per-mtok Y [--cache-read-per-mtok X] [--cache-write-per-mtok X] [--cache-write-1h-per-mtok X] [--reasoning-per-mtok X] [--effective-from ISO] [--tenant NAME] [--json]",
            ["provider", "model", "input-per-mtok", "output-per-mtok", "cache-read-per-mtok", "cache-write-per-mtok", "cache-write-1h-per-mtok", "reasoning-per-mtok", "effective-from", "tenant"],
            ["json"], SetAsync),
        new("prices import", "prices import FILE [--effective-from ISO]", ["effective-from"], [], ImportAsync),
        new("prices checks", "prices checks [--json]", [], ["json"], ChecksAsync),
        new("prices rerate", "prices rerate --from ISO --to ISO [--tenant NAME] [--provider P] [--model PATTERN] [--dry-run] [--yes] [--json]",
            ["from", "to", "tenant", "provider", "model"], ["dry-run", "yes", "json"], RerateAsync),
        new("usage unpriced", "usage unpriced [--tenant NAME] [--json]", ["tenant"], ["json"], UnpricedAsync),
    ];

    private static async Task<int> ListAsync(CliContext context)
    {
        var tenantId = await TenantIdAsync(context);
        var prices = await context.Get<PriceService>().ListAsync(
            new PriceQuery(context.Args.Option("model"), context.Args.Option("provider"), tenantId, context.Args.Flag("history")), context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, prices.Select(p => new
            {
                id = p.Id, provider = p.Provider, model = p.ModelKey, serviceTier = p.ServiceTier, effectiveFrom = p.EffectiveFrom,
                inputPerMTok = p.InputPerMTok, outputPerMTok = p.OutputPerMTok, cacheReadPerMTok = p.CacheReadPerMTok,
                cacheWrite5mPerMTok = p.CacheWrite5mPerMTok, cacheWrite1hPerMTok = p.CacheWrite1hPerMTok, thresholdTokens = p.ThresholdTokens,
                source = p.Source.ToString().ToLowerInvariant(),
            }));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["PROVIDER", "MODEL", "TIER", "FROM", "INPUT/M", "OUTPUT/M", "CACHE READ/M", "CACHE WRITE/M", "SOURCE"],
            prices.Select(p => new[]
            {
                p.Provider ?? "*", p.ModelKey, p.ServiceTier ?? "-", CliOutput.Date(p.EffectiveFrom), M(p.InputPerMTok), M(p.OutputPerMTok),
                M(p.CacheReadPerMTok), M(p.CacheWrite5mPerMTok), p.Source.ToString().ToLowerInvariant(),
            }));
        return 0;
    }

    private static async Task<int> SetAsync(CliContext context)
    {
        var args = context.Args;
        var price = new ModelPrice
        {
            TenantId = await TenantIdAsync(context),
            Provider = args.RequiredOption("provider"),
            ModelKey = args.RequiredOption("model"),
            InputPerMTok = args.DecimalOption("input-per-mtok") ?? throw new CliUsageException("'prices set' needs --input-per-mtok"),
            OutputPerMTok = args.DecimalOption("output-per-mtok") ?? throw new CliUsageException("'prices set' needs --output-per-mtok"),
            CacheReadPerMTok = args.DecimalOption("cache-read-per-mtok"),
            CacheWrite5mPerMTok = args.DecimalOption("cache-write-per-mtok"),
            CacheWrite1hPerMTok = args.DecimalOption("cache-write-1h-per-mtok"),
            ReasoningPerMTok = args.DecimalOption("reasoning-per-mtok"),
            Source = PriceSource.Manual,
            CreatedBy = context.Actor,
        };
        var saved = await context.Get<PriceService>().SetPriceAsync(price, args.DateOption("effective-from"), context.Actor, context.CancellationToken);
        if (args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = saved.Id, provider = saved.Provider, model = saved.ModelKey, effectiveFrom = saved.EffectiveFrom });
        else
            context.Out.WriteLine($"Price for {saved.Provider}/{saved.ModelKey} in force from {CliOutput.Date(saved.EffectiveFrom)}. Unpriced calls of this model are priced within seconds; run 'prices rerate' to re-price calls that already have a price.");
        return 0;
    }

    private static async Task<int> ImportAsync(CliContext context)
    {
        var path = context.Args.RequiredPositional(0, "a catalog FILE (LiteLLM's model_prices_and_context_window.json format)");
        if (!File.Exists(path))
            throw new Core.DomainException($"No file at '{path}'.");
        var result = await context.Get<PriceService>().ImportCatalogFileAsync(path, context.Actor, context.CancellationToken, context.Args.DateOption("effective-from"));
        context.Out.WriteLine($"Imported {path}: {result.Added} price(s) added, {result.Unchanged} unchanged, {result.Skipped} skipped (priced per image, second or character), {result.Corrected} rate(s) corrected ('prices checks' lists them).");
        return 0;
    }

    private static async Task<int> ChecksAsync(CliContext context)
    {
        var report = await context.Get<PriceService>().GetCatalogChecksAsync(context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new
            {
                corrections = report.Corrections.Select(c => new
                {
                    priceId = c.PriceId, replacedPriceId = c.ReplacedPriceId, provider = c.Provider, model = c.ModelKey, serviceTier = c.ServiceTier,
                    field = c.Field, catalogValue = c.CatalogValue, correctedValue = c.CorrectedValue, rule = c.Rule, correctedAt = c.CreatedAt,
                }),
                undecided = report.Undecided.Select(u => new
                {
                    priceId = u.Price.Id, provider = u.Price.Provider, model = u.Price.ModelKey, serviceTier = u.Price.ServiceTier,
                    field = u.Finding.Field.Name, problem = u.Finding.Problem, reason = u.Finding.Reason,
                }),
            });
            return 0;
        }
        context.Out.WriteLine($"Corrected rates ({report.Corrections.Count}):");
        CliOutput.WriteTable(context.Out, ["PROVIDER", "MODEL", "TIER", "RATE", "CATALOG/M", "CORRECTED/M", "RULE", "REPLACES"],
            report.Corrections.Select(c => new[]
            {
                c.Provider ?? "*", c.ModelKey, c.ServiceTier ?? "-", PriceField.LabelOf(c.Field), M(c.CatalogValue), M(c.CorrectedValue), c.Rule,
                c.ReplacedPriceId is { } id ? "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
            }));
        if (report.Corrections.Any(c => c.ReplacedPriceId is not null))
            context.Out.WriteLine("Calls priced with a replaced price keep their cost until re-rated: prices rerate --from ISO --to ISO --model PATTERN");
        context.Out.WriteLine();
        context.Out.WriteLine($"Left for review ({report.Undecided.Count}), used as they are:");
        CliOutput.WriteTable(context.Out, ["PROVIDER", "MODEL", "TIER", "WHAT LOOKS WRONG", "WHY IT WAS NOT CHANGED"],
            report.Undecided.Select(u => new[] { u.Price.Provider ?? "*", u.Price.ModelKey, u.Price.ServiceTier ?? "-", u.Finding.Problem, u.Finding.Reason }));
        return 0;
    }

    private static async Task<int> RerateAsync(CliContext context)
    {
        var from = context.Args.DateOption("from") ?? throw new CliUsageException("'prices rerate' needs --from");
        var to = context.Args.DateOption("to") ?? throw new CliUsageException("'prices rerate' needs --to");
        if (to <= from)
            throw new CliUsageException("--to must be after --from");
        var request = new RerateRequest(from, to, await CliTenantScope.FromOptionAsync(context), context.Args.Option("provider"), context.Args.Option("model"));
        var prices = context.Get<PriceService>();
        var preview = await prices.PreviewRerateAsync(request, context.CancellationToken);
        // Moving records off the cost their source reported changes numbers people have already seen: show the totals
        // first and apply only when asked to.
        var unconfirmed = preview.FromReported > 0 && !context.Args.Flag("yes");
        var dryRun = context.Args.Flag("dry-run") || unconfirmed;
        var result = dryRun ? preview : await prices.RerateAsync(request, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new
            {
                dryRun, examined = result.Examined, changed = result.Changed, fromReported = result.FromReported,
                costBefore = result.CostBefore, costAfter = result.CostAfter,
            });
        }
        else
        {
            var verb = dryRun ? "would change" : "changed";
            context.Out.WriteLine($"{result.Examined} record(s) in the period; {verb} {result.Changed}, {result.FromReported} of them from a reported cost to a price. "
                + $"Cost ${UsageExporter.Money(result.CostBefore)} -> ${UsageExporter.Money(result.CostAfter)}.");
        }
        if (!unconfirmed || context.Args.Flag("dry-run"))
            return 0;
        await Console.Error.WriteLineAsync($"Nothing was changed: {result.FromReported} record(s) would move from the cost their source reported to our price. Check the totals above, then run again with --yes.");
        return 1;
    }

    private static async Task<int> UnpricedAsync(CliContext context)
    {
        var models = await context.Get<PriceService>().ListUnpricedModelsAsync(await CliTenantScope.FromOptionAsync(context), context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, models.Select(m => new
            {
                provider = m.Provider, model = m.Model, records = m.Records, reported = m.Reported, firstSeen = m.FirstSeen, lastSeen = m.LastSeen,
            }));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["PROVIDER", "MODEL", "RECORDS", "AT REPORTED COST", "FIRST SEEN", "LAST SEEN"],
            models.Select(m => new[]
            {
                m.Provider, m.Model ?? "(no model)", m.Records.ToString(System.Globalization.CultureInfo.InvariantCulture),
                m.Reported.ToString(System.Globalization.CultureInfo.InvariantCulture), CliOutput.Date(m.FirstSeen), CliOutput.Date(m.LastSeen),
            }));
        if (models.Count > 0)
            context.Out.WriteLine("Add a price with: prices set --provider P --model M --input-per-mtok X --output-per-mtok Y. "
                + "Records at a reported cost keep it until 'prices rerate' moves them to the price.");
        return 0;
    }

    private static async Task<Guid?> TenantIdAsync(CliContext context) =>
        context.Args.Option("tenant") is { } name ? (await KeyCommands.FindTenantAsync(context, name)).Id : null;

    private static string M(decimal? value) => value is { } v ? UsageExporter.Money(v) : "-";
}
