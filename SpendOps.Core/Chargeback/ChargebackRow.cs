namespace SpendOps.Core.Chargeback;

/// <summary>
/// One line of a chargeback: a combination of grouping values (null where a record lacks the value, e.g. no
/// <c>team</c> dimension) and its amounts. <see cref="AllocatedUsd"/> is what the allocation rule moved to (positive)
/// or away from (negative) the row, kept apart from <see cref="ChargebackAmounts.CostUsd"/>.
/// </summary>
public sealed record ChargebackRow(IReadOnlyList<string?> Values, ChargebackAmounts Amounts)
{
    public const string UnattributedLabel = "(unattributed)";

    /// <summary>True when a grouping value is missing: the spend is not attributed to anyone by this grouping.</summary>
    public bool Unattributed => Values.Any(v => v is null);

    public decimal PreviousCostUsd { get; init; }

    /// <summary>This row's share of the period's total cost (0 to 1).</summary>
    public decimal Share { get; init; }

    public decimal AllocatedUsd { get; init; }

    public decimal CostAfterAllocationUsd => Amounts.CostUsd + AllocatedUsd;

    public decimal ChangeUsd => Amounts.CostUsd - PreviousCostUsd;

    /// <summary>The change as a fraction of the previous cost; null when there was none to compare with.</summary>
    public decimal? ChangeRatio => PreviousCostUsd == 0m ? null : ChangeUsd / PreviousCostUsd;

    /// <summary>The values as people read them, "(unattributed)" for a missing one.</summary>
    public IEnumerable<string> Labels => Values.Select(v => v ?? UnattributedLabel);
}
