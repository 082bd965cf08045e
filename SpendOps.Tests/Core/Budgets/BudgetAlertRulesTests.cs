using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>Which alerts a $500 budget with thresholds 50, 80 and 100 % owes; "T80" is the 80 % threshold, "F" the forecast.</summary>
public sealed class BudgetAlertRulesTests
{
    [Theory]
    [InlineData(0, 0, true, "", "")]
    [InlineData(249.99, 400, true, "", "")]
    [InlineData(250, 400, true, "", "T50")]
    // $400 is exactly 80 %.
    [InlineData(400, 450, true, "T50", "T80")]
    // One burst past two thresholds fires both, lowest first.
    [InlineData(410, 450, true, "", "T50 T80")]
    [InlineData(500, 500, true, "T50 T80", "T100")]
    [InlineData(600, 900, true, "T50 T80 T100", "")]
    // Projection past the amount, settled: the forecast alert.
    [InlineData(100, 500.01, true, "", "F")]
    [InlineData(100, 500, true, "", "")]
    // Not settled (the period's first hours): no forecast alert yet.
    [InlineData(100, 900, false, "", "")]
    [InlineData(300, 900, true, "F", "T50")]
    // Once the spend itself reached the amount, the 100 % threshold speaks, not the forecast.
    [InlineData(520, 900, true, "T50 T80", "T100")]
    public void Due_FiresWhatWasReachedAndNotFiredYet(double spend, double forecast, bool settled, string fired, string expected)
    {
        var due = BudgetAlertRules.Due([50, 80, 100], 500m, (decimal)spend, (decimal)forecast, settled, Parse(fired).ToHashSet());

        Assert.Equal(Parse(expected), due.ToList());
    }

    private static List<(AlertKind, int)> Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t == "F" ? (AlertKind.Forecast, 100) : (AlertKind.Threshold, int.Parse(t[1..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
