using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Budgets;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// Why a blocking budget refused a call: 429 with the budget's name, what is left against what the call could cost,
/// when the period resets and <c>retry-after</c> until then. Or, when the budget could not be checked at all (the
/// database unreachable for longer than a lease), 503 with a short <c>retry-after</c>.
/// </summary>
internal sealed record BudgetRefusal(GatedBudget Budget, BudgetPeriod Period, decimal MaxCostUsd, decimal LeftUsd, bool Unavailable = false)
{
    private static readonly TimeSpan UnavailableRetry = TimeSpan.FromSeconds(5);

    public ProxyError Error()
    {
        if (Unavailable)
            return new ProxyError(503, $"AI SpendOps: budget '{Budget.Name}' cannot be checked right now (the database is unreachable); retry shortly", "aso_budget_unavailable");
        var reset = Period.End.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var left = LeftUsd > 0m && MaxCostUsd > LeftUsd
            ? $"; {Usd(LeftUsd)} left, this call could cost up to {Usd(MaxCostUsd)}"
            : "";
        return new ProxyError(429,
            $"AI SpendOps: budget exceeded: '{Budget.Name}' ({Usd(Budget.AmountUsd)} {Per(Budget.Definition)}){left}; resets at {reset}",
            "aso_budget_exceeded");
    }

    public void WriteHeaders(IHeaderDictionary headers, DateTimeOffset now)
    {
        var wait = Unavailable ? UnavailableRetry : Period.End - now;
        headers["retry-after"] = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Per(Budget budget) => budget.Period switch
    {
        BudgetPeriodKind.Day => "per day",
        BudgetPeriodKind.Week => "per week",
        BudgetPeriodKind.Month => "per month",
        BudgetPeriodKind.Quarter => "per quarter",
        _ => budget.RollingDays == 1 ? "per day" : $"per {budget.RollingDays} days",
    };

    private static string Usd(decimal amount) => "$" + amount.ToString("0.00##", CultureInfo.InvariantCulture);
}
