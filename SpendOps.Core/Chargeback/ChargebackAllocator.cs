namespace SpendOps.Core.Chargeback;

/// <summary>
/// Hands unattributed spend out by the view's rule. The amounts go to <see cref="ChargebackRow.AllocatedUsd"/> (the
/// unattributed rows get the negative of their cost), so the cost of record stays as measured and the totals still add
/// up: the allocated amounts sum to zero.
/// </summary>
internal static class ChargebackAllocator
{
    public static List<ChargebackRow> Apply(List<ChargebackRow> rows, ChargebackAllocation allocation) => allocation.Kind switch
    {
        ChargebackAllocationKind.Proportional => Proportional(rows),
        ChargebackAllocationKind.Owner => ToOwner(rows, allocation.Owner!),
        _ => rows,
    };

    /// <summary>
    /// Each attributed row receives unattributed × its cost ÷ attributed cost. Nothing moves when nothing is attributed.
    /// The largest row takes the last fraction of a cent left by the division, so the allocation sums exactly.
    /// </summary>
    private static List<ChargebackRow> Proportional(List<ChargebackRow> rows)
    {
        var unattributed = rows.Where(r => r.Unattributed).Sum(r => r.Amounts.CostUsd);
        var attributed = rows.Where(r => !r.Unattributed).Sum(r => r.Amounts.CostUsd);
        if (unattributed == 0m || attributed <= 0m)
            return rows;
        var result = rows.Select(r => r.Unattributed
            ? r with { AllocatedUsd = -r.Amounts.CostUsd }
            : r with { AllocatedUsd = unattributed * r.Amounts.CostUsd / attributed }).ToList();
        var remainder = unattributed - result.Where(r => !r.Unattributed).Sum(r => r.AllocatedUsd);
        var largest = result.Where(r => !r.Unattributed).MaxBy(r => r.Amounts.CostUsd)!;
        result[result.IndexOf(largest)] = largest with { AllocatedUsd = largest.AllocatedUsd + remainder };
        return result;
    }

    /// <summary>
    /// An unattributed row's spend goes to the row with the owner in place of its missing values (same other values);
    /// that row is added, at zero cost, when the owner had no spend of its own there.
    /// </summary>
    private static List<ChargebackRow> ToOwner(List<ChargebackRow> rows, string owner)
    {
        var result = rows.Select(r => r.Unattributed ? r with { AllocatedUsd = -r.Amounts.CostUsd } : r).ToList();
        foreach (var row in rows.Where(r => r.Unattributed && r.Amounts.CostUsd != 0m))
        {
            var values = row.Values.Select(v => v ?? owner).ToArray();
            var index = result.FindIndex(r => r.Values.SequenceEqual(values));
            if (index < 0)
            {
                result.Add(new ChargebackRow(values, ChargebackAmounts.Zero) { AllocatedUsd = row.Amounts.CostUsd });
                continue;
            }
            result[index] = result[index] with { AllocatedUsd = result[index].AllocatedUsd + row.Amounts.CostUsd };
        }
        return result;
    }
}
