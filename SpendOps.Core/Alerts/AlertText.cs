using System.Globalization;

namespace SpendOps.Core.Alerts;

/// <summary>The words of a notice, shared by Slack and e-mail (and the webhook's <c>summary</c>), so every channel says the same.</summary>
public static class AlertText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line: what happened to which budget.</summary>
    public static string Headline(AlertNotice notice) => notice.Kind switch
    {
        AlertKind.Threshold => $"Budget \"{notice.BudgetName}\" reached {notice.ThresholdPercent}% ({Usd(notice.SpendUsd)} of {Usd(notice.AmountUsd)})",
        AlertKind.Forecast => $"Budget \"{notice.BudgetName}\" is forecast to exceed {Usd(notice.AmountUsd)} ({Usd(notice.ForecastUsd ?? 0)} by the end of the period)",
        AlertKind.Test => $"Test notification from SpendOps for tenant \"{notice.TenantName}\"",
        _ => $"Budget \"{notice.BudgetName}\": {notice.Kind}",
    };

    public static string Subject(AlertNotice notice) => "[SpendOps] " + Headline(notice);

    /// <summary>Label and value pairs under the headline.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(AlertNotice notice)
    {
        if (notice.Kind == AlertKind.Test)
            return [("Tenant", notice.TenantName), ("Sent at", Time(notice.RaisedAt)), ("What to do", "Nothing: this recipient receives SpendOps alerts.")];
        var facts = new List<(string, string)>
        {
            ("Budget", notice.BudgetName),
            ("Spent", $"{Usd(notice.SpendUsd)} of {Usd(notice.AmountUsd)} ({Percent(notice.SpendUsd, notice.AmountUsd)})"),
        };
        if (notice.ForecastUsd is { } forecast)
            facts.Add(("Forecast", $"{Usd(forecast)} by the end of the period"));
        facts.Add(("Period", Period(notice)));
        facts.Add(("Tenant", notice.TenantName));
        return facts;
    }

    public static string Usd(decimal amount) => "$" + amount.ToString("#,##0.00", Invariant);

    public static string Period(AlertNotice notice) =>
        $"{notice.PeriodStart.ToString("yyyy-MM-dd HH:mm", Invariant)} to {notice.PeriodEnd.ToString("yyyy-MM-dd HH:mm", Invariant)} (UTC{Offset(notice.PeriodStart.Offset)})";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    private static string Percent(decimal spend, decimal amount) =>
        amount <= 0 ? "-" : (spend / amount * 100).ToString("0.#", Invariant) + "%";

    private static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "" : (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", Invariant);
}
