using System.Diagnostics;
using SpendOps.Core.Budgets;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// One instance's account of one blocking budget's period, in memory: allowance leased from the database and not yet
/// used, reservations of calls in flight, and the cost of finished calls whose records the writer has not stored yet.
/// Their sum is what this instance holds that the database's spend does not show (<see cref="Outstanding"/>), and what
/// its <see cref="BudgetLease"/> row tells the other instances. Admission takes from the allowance without waiting for
/// anything; only a call the allowance cannot cover waits for a grant.
/// </summary>
internal sealed class BudgetLedger(GatedBudget budget, BudgetPeriod period)
{
    private readonly Lock sync = new();
    private decimal allowance;
    private decimal reserved;
    private decimal pendingWrite;
    // The calls behind pendingWrite, by request id: a grant asks the database which of them it already counts.
    private readonly Dictionary<string, decimal> unwritten = new(StringComparer.Ordinal);
    // What the database still had beyond every instance's holdings at the last grant, and when that was learnt.
    private decimal headroom;
    private long headroomAt = long.MinValue;
    private DateTimeOffset validUntil = DateTimeOffset.MinValue;
    private DateTimeOffset lastUsedAt;
    private int waiting;
    private bool retired;
    private Task? grant;

    /// <summary>Replaced when the budget is edited; the account of the period stays.</summary>
    public GatedBudget Budget { get; set; } = budget;

    public BudgetPeriod Period { get; } = period;

    public decimal Outstanding
    {
        get
        {
            lock (sync)
                return allowance + reserved + pendingWrite;
        }
    }

    /// <summary>
    /// <see cref="Outstanding"/> and the finished calls in it whose records the writer has not reported stored, read
    /// together: a record stored since then is in the database's spend and in <see cref="Outstanding"/> both.
    /// </summary>
    public (decimal Outstanding, KeyValuePair<string, decimal>[] Unwritten) Holdings()
    {
        lock (sync)
            return (allowance + reserved + pendingWrite, [.. unwritten]);
    }

    /// <summary>Calls waiting for a grant; a grant asks for enough to cover them all.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The allowance this instance may spend now: none once its lease has gone unrenewed too long.</summary>
    public decimal UsableAllowance(DateTimeOffset now)
    {
        lock (sync)
            return Usable(now);
    }

    public BudgetReservation TryReserve(decimal cost, DateTimeOffset now, TimeSpan headroomFreshFor)
    {
        lock (sync)
        {
            lastUsedAt = now;
            var usable = Usable(now);
            if (retired)
            {
                // Paused, deleted or made alert-only since the budgets were loaded: it blocks nothing any more.
                allowance -= cost;
                reserved += cost;
                return BudgetReservation.Reserved;
            }
            // Elapsed time, not the clock: how old the news is, whatever time the tenant's calendar says it is.
            var fresh = now < validUntil && headroomAt != long.MinValue && Stopwatch.GetElapsedTime(headroomAt) < headroomFreshFor;
            if (cost > 0m ? usable >= cost : usable > 0m || (fresh && headroom > 0m))
            {
                allowance -= cost;
                reserved += cost;
                return BudgetReservation.Reserved;
            }
            // The last grant said the budget has no more than this: no need to ask the database again so soon.
            var left = usable + headroom;
            var coverable = cost > 0m ? left >= cost : left > 0m;
            return fresh && !coverable ? BudgetReservation.Refused(Math.Max(0m, left)) : BudgetReservation.NeedsGrant;
        }
    }

    /// <summary>The call's cost is known: it awaits the writer, and what the reservation did not need is allowance again.</summary>
    public void Settle(decimal reservation, string requestId, decimal cost)
    {
        lock (sync)
        {
            reserved -= reservation;
            if (cost != 0m && unwritten.TryAdd(requestId, cost))
                pendingWrite += cost;
            if (cost <= reservation)
            {
                allowance += reservation - cost;
                return;
            }
            // The call cost more than its reservation (the input estimate fell short): the rest comes out of the
            // allowance, and what the allowance cannot cover out of what the budget had left.
            var excess = cost - reservation;
            var fromAllowance = Math.Clamp(allowance, 0m, excess);
            allowance -= fromAllowance;
            headroom -= excess - fromAllowance;
        }
    }

    /// <summary>The call never reached the provider, or failed without a cost: all of its reservation is allowance again.</summary>
    public void Release(decimal reservation)
    {
        lock (sync)
        {
            reserved -= reservation;
            allowance += reservation;
        }
    }

    /// <summary>The writer stored a settled call's record: its cost is in the database's spend from now on.</summary>
    public void Written(string requestId)
    {
        lock (sync)
        {
            if (unwritten.Remove(requestId, out var cost))
                pendingWrite -= cost;
        }
    }

    public void ApplyGrant(decimal granted, decimal headroomLeft, DateTimeOffset at, TimeSpan leaseTime)
    {
        lock (sync)
        {
            allowance += granted;
            headroom = headroomLeft;
            headroomAt = Stopwatch.GetTimestamp();
            validUntil = ValidUntil(at, leaseTime);
        }
    }

    /// <summary>The database says the budget no longer blocks; the next reload drops it.</summary>
    public void Retire()
    {
        lock (sync)
            retired = true;
    }

    /// <summary>This instance's row was rewritten at <paramref name="at"/>: the others count it for another lease time.</summary>
    public void Renewed(DateTimeOffset at, TimeSpan leaseTime)
    {
        lock (sync)
        {
            if (allowance > 0m || reserved > 0m || pendingWrite > 0m)
                validUntil = ValidUntil(at, leaseTime);
        }
    }

    /// <summary>Hands back allowance not used for <paramref name="idleFor"/>, so another instance can lease it.</summary>
    public decimal ReturnIdleAllowance(DateTimeOffset now, TimeSpan idleFor)
    {
        lock (sync)
        {
            if (now - lastUsedAt < idleFor || allowance <= 0m)
                return 0m;
            var returned = allowance;
            allowance = 0m;
            return returned;
        }
    }

    /// <summary>Used recently and below half of <paramref name="chunk"/>: worth topping up before a call has to wait.</summary>
    public bool WantsTopUp(DateTimeOffset now, decimal chunk, TimeSpan activeFor)
    {
        lock (sync)
            return now - lastUsedAt < activeFor && Usable(now) < chunk / 2m;
    }

    /// <summary>Nothing in flight and nothing unwritten: the account can go once its period is over.</summary>
    public bool IsSettled
    {
        get
        {
            lock (sync)
                return reserved == 0m && pendingWrite == 0m;
        }
    }

    /// <summary>Runs <paramref name="grantOnce"/> unless a grant is already under way, in which case that one is awaited.</summary>
    public async Task WaitForGrantAsync(Func<BudgetLedger, Task> grantOnce, CancellationToken cancellationToken)
    {
        Task current;
        Interlocked.Increment(ref waiting);
        try
        {
            lock (sync)
            {
                if (grant is not { IsCompleted: false })
                    grant = Task.Run(() => grantOnce(this), CancellationToken.None);
                current = grant;
            }
            await current.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private decimal Usable(DateTimeOffset now) => now < validUntil ? allowance : 0m;

    // A little before the others stop counting the row, so that clocks a second apart cannot both use the same money.
    private static DateTimeOffset ValidUntil(DateTimeOffset at, TimeSpan leaseTime) => at + leaseTime - TimeSpan.FromSeconds(2);
}
