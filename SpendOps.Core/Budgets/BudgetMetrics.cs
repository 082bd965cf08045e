using System.Diagnostics.Metrics;

namespace SpendOps.Core.Budgets;

/// <summary>
/// The budget alert evaluation (meter <c>SpendOps.Budgets</c>): budgets evaluated, and how many stood over a threshold
/// or blocked at this instance's last evaluation run (instances sharing a database take turns, so read the maximum or the
/// latest across instances, not the sum).
/// </summary>
public sealed class BudgetMetrics
{
    public const string MeterName = "SpendOps.Budgets";

    private readonly Counter<long> evaluations;
    private readonly Counter<long> alerts;
    private int overThreshold;
    private int blocked;

    public BudgetMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        evaluations = meter.CreateCounter<long>("spendops.budgets.evaluations", description: "Budgets evaluated for alerts, by outcome (evaluated, failed)");
        alerts = meter.CreateCounter<long>("spendops.budgets.alerts_raised", description: "Budget alerts raised by this instance");
        meter.CreateObservableGauge("spendops.budgets.over_threshold", () => Volatile.Read(ref overThreshold),
            description: "Budgets whose spend has reached their lowest alert threshold, at the last evaluation run");
        meter.CreateObservableGauge("spendops.budgets.blocked", () => Volatile.Read(ref blocked),
            description: "Blocking budgets whose spend has reached their amount (calls in their scope are refused), at the last evaluation run");
    }

    public int OverThreshold => Volatile.Read(ref overThreshold);
    public int Blocked => Volatile.Read(ref blocked);

    internal void RecordRun(BudgetEvaluationResult result)
    {
        evaluations.Add(result.Evaluated - result.Failed, new KeyValuePair<string, object?>("outcome", "evaluated"));
        if (result.Failed > 0)
            evaluations.Add(result.Failed, new KeyValuePair<string, object?>("outcome", "failed"));
        if (result.Raised > 0)
            alerts.Add(result.Raised);
        Volatile.Write(ref overThreshold, result.OverThreshold);
        Volatile.Write(ref blocked, result.Blocked);
    }
}
