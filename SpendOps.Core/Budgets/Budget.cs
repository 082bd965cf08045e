using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Budgets;

/// <summary>
/// A spend limit for part of a tenant's usage (<see cref="Scope"/>) over a recurring period: alerts at each threshold
/// and, with <see cref="BudgetAction.Block"/>, refused calls once the period's spend reaches <see cref="AmountUsd"/>.
/// </summary>
public sealed class Budget : ITenantOwned
{
    public static readonly IReadOnlyList<int> DefaultThresholds = [50, 80, 100];

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Tenant? Tenant { get; set; }

    /// <summary>Unique within the tenant.</summary>
    public required string Name { get; set; }

    public decimal AmountUsd { get; set; }
    public BudgetPeriodKind Period { get; set; }

    /// <summary>The length of a <see cref="BudgetPeriodKind.Rolling"/> period in days; null for calendar periods.</summary>
    public int? RollingDays { get; set; }

    /// <summary>The local date the first rolling period starts on (the day the budget was created).</summary>
    public DateOnly AnchorDate { get; set; }

    public BudgetScope Scope { get; set; } = BudgetScope.Tenant;

    /// <summary>Percentages of <see cref="AmountUsd"/> that raise an alert, ascending.</summary>
    public List<int> Thresholds { get; set; } = [.. DefaultThresholds];

    public BudgetAction Action { get; set; } = BudgetAction.AlertOnly;

    /// <summary><see cref="Alerts.AlertRecipient"/> texts (<c>email:lead@example.com</c>).</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>A paused budget is not evaluated and blocks nothing.</summary>
    public bool Paused { get; set; }

    /// <summary>
    /// Raised by every grant of allowance to a proxy instance (<see cref="BudgetLease"/>): the update locks this row,
    /// which makes grants of one budget take turns across instances.
    /// </summary>
    public long LeaseVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>"month", "rolling:30": the CLI's spelling.</summary>
    public string PeriodText => BudgetPeriodText.Format(Period, RollingDays);
}
