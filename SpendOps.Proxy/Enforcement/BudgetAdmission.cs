using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// An admitted call's reservation in every blocking budget it falls under. Ends exactly once: settled to the call's
/// cost of record when its usage record is built, or released whole when the call ends any other way.
/// </summary>
internal sealed class BudgetAdmission(BudgetGate gate, BudgetClaim claim)
{
    private int ended;

    public void Settle(UsageRecord record)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
            return;
        var cost = gate.CostOf(record);
        foreach (var ledger in claim.Ledgers)
            ledger.Settle(claim.MaxCostUsd, record.RequestId, cost);
        gate.AwaitWrite(record.RequestId, claim.Ledgers, cost);
    }

    public void Release()
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
            return;
        foreach (var ledger in claim.Ledgers)
            ledger.Release(claim.MaxCostUsd);
    }
}
