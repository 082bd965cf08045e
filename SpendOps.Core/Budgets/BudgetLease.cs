namespace SpendOps.Core.Budgets;

/// <summary>
/// What one proxy instance holds of a blocking budget's period and the database cannot see yet: allowance leased but
/// not used, reservations of calls in flight, and the cost of finished calls whose records are still queued. Every
/// instance upserts its own row each second; a grant of more allowance adds the rows of the others (those renewed
/// within the lease time) to the period's stored spend, so that the instances together never hand out more than the
/// budget. A row not renewed in time (its instance died) no longer counts.
/// </summary>
public sealed class BudgetLease
{
    public Guid BudgetId { get; set; }

    /// <summary>The start of the budget period (UTC) the allowance belongs to.</summary>
    public DateTimeOffset PeriodStart { get; set; }

    /// <summary>The instance holding it, random per process start.</summary>
    public required string InstanceId { get; set; }

    public decimal OutstandingUsd { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
