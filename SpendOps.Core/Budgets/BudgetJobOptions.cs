using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Budgets;

/// <summary><c>Jobs:Budgets</c>: how often budgets are evaluated, and how soon after new spend.</summary>
public sealed class BudgetJobOptions
{
    public const string SectionName = "Jobs:Budgets";

    public bool Enabled { get; set; } = true;

    /// <summary>The schedule; also the longest an alert waits when nothing signals new spend.</summary>
    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// After the usage writer stores spend, an evaluation is queued at once, then no other for this many seconds
    /// (<see cref="BudgetEvaluationSignal"/>); 0 turns the signal off and leaves only the schedule.
    /// </summary>
    [Range(0, 3600)]
    public int SignalSeconds { get; set; } = 5;
}
