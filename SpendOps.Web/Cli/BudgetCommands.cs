using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using static SpendOps.Web.Cli.BudgetCliFormat;

namespace SpendOps.Web.Cli;

/// <summary>
/// <c>budgets create|list|show|pause|resume|delete</c>. The command line works across tenants, so it passes no tenant to
/// the budget service (null) and shows each budget's tenant.
/// </summary>
internal static class BudgetCommands
{
    private const string IdHint = "a budget ID (see 'budgets list')";
    private const int HistoryPeriods = 6;

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("budgets create",
            "budgets create --tenant NAME --name NAME --amount USD --period day|week|month|quarter|rolling:N [--scope key:ID|dim:NAME=VALUE|provider:P|model:PATTERN|source:proxy|telemetry ...] [--thresholds 50,80,100] [--block] [--notify webhook:URL|slack:URL|email:ADDRESS ...] [--json]",
            ["tenant", "name", "amount", "period", "scope", "thresholds", "notify"], ["json", "block"], CreateAsync, ["scope", "notify"]),
        new("budgets list", "budgets list [--tenant NAME] [--json]", ["tenant"], ["json"], ListAsync),
        new("budgets show", "budgets show ID [--json]", [], ["json"], ShowAsync),
        new("budgets pause", "budgets pause ID [--json]", [], ["json"], context => SetPausedAsync(context, true)),
        new("budgets resume", "budgets resume ID [--json]", [], ["json"], context => SetPausedAsync(context, false)),
        new("budgets delete", "budgets delete ID [--json]", [], ["json"], DeleteAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context)
    {
        var args = context.Args;
        var definition = ReadDefinition(args);
        var tenant = await KeyCommands.FindTenantAsync(context, args.RequiredOption("tenant"));
        var budget = await context.Get<BudgetService>().CreateAsync(tenant.Id, definition, context.Actor, context.CancellationToken);
        if (args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, Json(budget, tenant.Name));
            return 0;
        }
        context.Out.WriteLine($"Created budget '{budget.Name}' ({budget.Id}) for tenant '{tenant.Name}': {Usd(budget.AmountUsd)} {PerPeriod(budget)}, " +
                              $"scope {budget.Scope}, alerts at {Thresholds(budget.Thresholds)} %{(budget.Action == BudgetAction.Block ? ", blocks calls at 100 %" : "")}.");
        return 0;
    }

    /// <summary>Everything the command line spells (period, scope, thresholds, recipients) is checked here, so a typo is a usage error (exit 2).</summary>
    private static BudgetDefinition ReadDefinition(CliArguments args)
    {
        var name = args.RequiredOption("name");
        var amount = args.DecimalOption("amount") ?? throw new CliUsageException($"'{args.CommandName}' needs --amount");
        var periodText = args.RequiredOption("period");
        try
        {
            var (period, days) = BudgetPeriodText.Parse(periodText);
            var scope = BudgetScopeTerms.Parse(args.Values("scope"));
            var thresholds = args.Option("thresholds") is { } text ? BudgetValidator.ParseThresholds(text) : Budget.DefaultThresholds;
            var recipients = args.Values("notify").Select(r => AlertRecipient.Parse(r).ToString()).ToList();
            return new BudgetDefinition(name, amount, period, days, scope, thresholds, args.Flag("block") ? BudgetAction.Block : BudgetAction.AlertOnly, recipients);
        }
        catch (DomainException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        var scope = await CliTenantScope.FromOptionAsync(context);
        var statuses = await BudgetStatusQuery.ListAsync(context.Get<SpendOpsDbContext>(), scope, context.Get<TimeProvider>().GetUtcNow(), context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, statuses.Select(StatusJson));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["ID", "TENANT", "NAME", "AMOUNT", "PERIOD", "SCOPE", "SPENT", "USED", "FORECAST", "ACTION", "STATUS"],
            statuses.Select(s => new[]
            {
                s.Budget.Id.ToString(), s.Budget.Tenant!.Name, s.Budget.Name, Usd(s.Budget.AmountUsd), s.Budget.PeriodText, s.Budget.Scope.ToString(),
                Usd(s.SpendUsd), Percent(s.PercentUsed), Usd(s.ForecastUsd), Action(s.Budget.Action), s.Budget.Paused ? "paused" : "active",
            }));
        return 0;
    }

    private static async Task<int> ShowAsync(CliContext context)
    {
        var budget = await context.Get<BudgetService>().FindAsync(ParseId(context), TenantScope.AllTenants, context.CancellationToken);
        var db = context.Get<SpendOpsDbContext>();
        var now = context.Get<TimeProvider>().GetUtcNow();
        var status = await BudgetStatusQuery.GetAsync(db, budget, now, context.CancellationToken);
        var history = await BudgetStatusQuery.HistoryAsync(db, budget, now, HistoryPeriods, context.CancellationToken);
        var alerts = (await AlertQueries.PageAsync(db, TenantScope.Of(budget.TenantId), budget.Id, 0, 20, context.CancellationToken)).Alerts;
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new
            {
                budget = StatusJson(status),
                history = history.Select(h => new { periodStart = h.Period.Start, periodEnd = h.Period.End, spendUsd = h.Spend.SpendUsd, percentUsed = decimal.Round(h.PercentUsed, 2), unpricedRecords = h.Spend.UnpricedRecords }),
                alerts = alerts.Select(AlertCommands.Json),
            });
            return 0;
        }
        var o = context.Out;
        o.WriteLine($"Budget '{budget.Name}' ({budget.Id}), tenant '{budget.Tenant!.Name}'{(budget.Paused ? ", paused" : "")}");
        o.WriteLine($"  Amount:     {Usd(budget.AmountUsd)} {PerPeriod(budget)}, {(budget.Action == BudgetAction.Block ? "blocks calls at 100 %" : "alerts only")}");
        o.WriteLine($"  Scope:      {budget.Scope}");
        o.WriteLine($"  Thresholds: {Thresholds(budget.Thresholds)} %");
        o.WriteLine($"  Notify:     {(budget.Recipients.Count == 0 ? "nobody (alerts appear in the history only)" : string.Join(", ", budget.Recipients))}");
        o.WriteLine($"  This period ({Period(status.Period)}): {Usd(status.SpendUsd)} spent, {Percent(status.PercentUsed)} used, forecast {Usd(status.ForecastUsd)} at the period's end" +
                    (status.Spend.UnpricedRecords > 0 ? $"; {status.Spend.UnpricedRecords} unpriced calls not included" : ""));
        o.WriteLine();
        o.WriteLine("Past periods:");
        CliOutput.WriteTable(o, ["PERIOD", "SPENT", "USED"], history.Select(h => new[] { Period(h.Period), Usd(h.Spend.SpendUsd), Percent(h.PercentUsed) }));
        o.WriteLine();
        o.WriteLine("Alerts:");
        CliOutput.WriteTable(o, ["RAISED", "ALERT", "SPEND", "ACKNOWLEDGED"],
            alerts.Select(a => new[] { CliOutput.Date(a.RaisedAt), BudgetCliFormat.Alert(a), Usd(a.SpendUsd), a.AcknowledgedAt is null ? "-" : $"{CliOutput.Date(a.AcknowledgedAt)} by {a.AcknowledgedBy}" }));
        return 0;
    }

    private static async Task<int> SetPausedAsync(CliContext context, bool paused)
    {
        var budget = await context.Get<BudgetService>().SetPausedAsync(ParseId(context), TenantScope.AllTenants, paused, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = budget.Id, paused = budget.Paused });
        else
            context.Out.WriteLine(paused
                ? $"Budget '{budget.Name}' ({budget.Id}) is paused: no alerts, and it blocks nothing."
                : $"Budget '{budget.Name}' ({budget.Id}) is active again.");
        return 0;
    }

    private static async Task<int> DeleteAsync(CliContext context)
    {
        var budget = await context.Get<BudgetService>().DeleteAsync(ParseId(context), TenantScope.AllTenants, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = budget.Id, deleted = true });
        else
            context.Out.WriteLine($"Deleted budget '{budget.Name}' ({budget.Id}); its alerts stay in the history.");
        return 0;
    }

    private static Guid ParseId(CliContext context)
    {
        var text = context.Args.RequiredPositional(0, IdHint);
        return Guid.TryParse(text, out var id) ? id : throw new DomainException($"No budget with id '{text}'.");
    }

    private static object Json(Budget budget, string tenant) => new
    {
        id = budget.Id,
        tenant,
        name = budget.Name,
        amountUsd = budget.AmountUsd,
        period = budget.PeriodText,
        scope = budget.Scope.ToTerms(),
        thresholds = budget.Thresholds,
        action = Action(budget.Action),
        recipients = budget.Recipients,
        paused = budget.Paused,
        createdAt = budget.CreatedAt,
    };

    private static object StatusJson(BudgetStatus status) => new
    {
        id = status.Budget.Id,
        tenant = status.Budget.Tenant!.Name,
        name = status.Budget.Name,
        amountUsd = status.Budget.AmountUsd,
        period = status.Budget.PeriodText,
        scope = status.Budget.Scope.ToTerms(),
        thresholds = status.Budget.Thresholds,
        action = Action(status.Budget.Action),
        recipients = status.Budget.Recipients,
        paused = status.Budget.Paused,
        periodStart = status.Period.Start,
        periodEnd = status.Period.End,
        spendUsd = status.SpendUsd,
        percentUsed = decimal.Round(status.PercentUsed, 2),
        forecastUsd = decimal.Round(status.ForecastUsd, 2),
        unpricedRecords = status.Spend.UnpricedRecords,
    };
}
