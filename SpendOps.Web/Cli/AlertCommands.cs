using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using static SpendOps.Web.Cli.BudgetCliFormat;

namespace SpendOps.Web.Cli;

/// <summary><c>alerts list|ack</c>: the budget alert history across tenants, newest first.</summary>
internal static class AlertCommands
{
    private const int ListLimit = AlertQueries.MaxPageSize;

    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("alerts list", "alerts list [--tenant NAME] [--json]", ["tenant"], ["json"], ListAsync),
        new("alerts ack", "alerts ack ID [--json]", [], ["json"], AcknowledgeAsync),
    ];

    private static async Task<int> ListAsync(CliContext context)
    {
        var scope = await CliTenantScope.FromOptionAsync(context);
        var db = context.Get<SpendOpsDbContext>();
        var alerts = (await AlertQueries.PageAsync(db, scope, null, 0, ListLimit, context.CancellationToken)).Alerts;
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, alerts.Select(a => Json(a) with { Tenant = tenants.GetValueOrDefault(a.TenantId) }));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["ID", "RAISED", "TENANT", "BUDGET", "ALERT", "SPEND", "AMOUNT", "ACKNOWLEDGED"],
            alerts.Select(a => new[]
            {
                a.Id.ToString(), CliOutput.Date(a.RaisedAt), tenants.GetValueOrDefault(a.TenantId), a.BudgetName, Alert(a), Usd(a.SpendUsd), Usd(a.AmountUsd),
                a.AcknowledgedAt is null ? "-" : $"{CliOutput.Date(a.AcknowledgedAt)} by {a.AcknowledgedBy}",
            }));
        return 0;
    }

    private static async Task<int> AcknowledgeAsync(CliContext context)
    {
        var text = context.Args.RequiredPositional(0, "an alert ID (see 'alerts list')");
        var id = Guid.TryParse(text, out var parsed) ? parsed : throw new DomainException($"No alert with id '{text}'.");
        var alert = await context.Get<AlertService>().AcknowledgeAsync(id, TenantScope.AllTenants, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, Json(alert));
        else
            context.Out.WriteLine($"Alert {alert.Id} ({alert.BudgetName}, {Alert(alert)}) acknowledged by {alert.AcknowledgedBy} at {CliOutput.Date(alert.AcknowledgedAt)}.");
        return 0;
    }

    internal static AlertJson Json(AlertEvent alert) => new(
        alert.Id, null, alert.BudgetId, alert.BudgetName, alert.Kind, alert.Kind == AlertKind.Threshold ? alert.ThresholdPercent : null,
        alert.SpendUsd, alert.AmountUsd, alert.ForecastUsd is { } f ? decimal.Round(f, 2) : null, alert.PeriodStart, alert.PeriodEnd, alert.RaisedAt,
        alert.AcknowledgedAt, alert.AcknowledgedBy);

    internal sealed record AlertJson(
        Guid Id, string? Tenant, Guid? BudgetId, string BudgetName, AlertKind Kind, int? ThresholdPercent, decimal SpendUsd, decimal AmountUsd,
        decimal? ForecastUsd, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);
}
