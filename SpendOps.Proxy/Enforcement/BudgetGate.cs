using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// Hard limits: a call under a blocking budget is admitted only if the budget can cover its maximum possible cost
/// (input estimate + the output the body allows, at the model's price), which is reserved until the call ends and then
/// settled to its cost of record. Reservations come from an allowance each instance leases from the database
/// (<see cref="BudgetLedger"/>, <see cref="BudgetLeaseStore"/>), so a call waits for the database only when the
/// allowance cannot cover it. Tenants without a blocking budget cost one dictionary lookup.
/// </summary>
internal sealed class BudgetGate(BudgetLeaseStore store, IOptions<BudgetGateOptions> options, TimeProvider clock)
{
    private const int MaxGrantRounds = 8;
    private readonly BudgetGateOptions settings = options.Value;
    private readonly ConcurrentDictionary<(Guid BudgetId, DateTimeOffset PeriodStart), BudgetLedger> ledgers = new();
    // The ledgers a settled call is held in, by request id, until the writer has stored its record.
    private readonly ConcurrentDictionary<string, IReadOnlyList<BudgetLedger>> unwritten = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyDictionary<Guid, GatedBudget[]> budgetsByTenant = new Dictionary<Guid, GatedBudget[]>();
    private volatile PriceResolver? prices;

    /// <summary>How long what a grant learnt about the budget's headroom is trusted: one sync.</summary>
    private TimeSpan HeadroomFreshFor => TimeSpan.FromMilliseconds(settings.SyncMilliseconds);

    public ICollection<BudgetLedger> Ledgers => ledgers.Values;

    /// <summary>Installs the blocking budgets and the price table (by <see cref="BudgetLeaseSync"/>).</summary>
    public void Load(IEnumerable<GatedBudget> budgets, PriceResolver? priceTable)
    {
        var byTenant = budgets.Where(b => b.CountsProxy).GroupBy(b => b.Definition.TenantId).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var ledger in ledgers.Values)
        {
            if (byTenant.GetValueOrDefault(ledger.Budget.Definition.TenantId)?.FirstOrDefault(b => b.Id == ledger.Budget.Id) is { } edited)
                ledger.Budget = edited;
        }
        if (priceTable is not null)
            prices = priceTable;
        budgetsByTenant = byTenant;
        loaded.TrySetResult();
    }

    public bool IsCurrent(BudgetLedger ledger, DateTimeOffset now) =>
        budgetsByTenant.GetValueOrDefault(ledger.Budget.Definition.TenantId) is { } budgets
        && budgets.Any(b => b.Id == ledger.Budget.Id && b.PeriodAt(now).Start == ledger.Period.Start);

    public void Remove(BudgetLedger ledger) => ledgers.TryRemove((ledger.Budget.Id, ledger.Period.Start), out _);

    /// <summary>
    /// The blocking budgets this call falls under and its maximum cost; null when there are none (the common case).
    /// Before the budgets are first loaded, call <see cref="WhenLoadedAsync"/>.
    /// </summary>
    public BudgetClaim? Claim(ResolvedKey key, string provider, EndpointInfo endpoint, string? model, IReadOnlyDictionary<string, string> dims, ReadOnlySpan<byte> body)
    {
        if (!budgetsByTenant.TryGetValue(key.TenantId, out var budgets))
            return null;
        var now = clock.GetUtcNow();
        List<BudgetLedger>? matched = null;
        foreach (var budget in budgets)
        {
            if (!budget.Matches(key, provider, model, dims))
                continue;
            var period = budget.PeriodAt(now);
            (matched ??= []).Add(ledgers.GetOrAdd((budget.Id, period.Start), static (_, args) => new BudgetLedger(args.budget, args.period), (budget, period)));
        }
        if (matched is null)
            return null;
        var maxOutput = OutputTokenLimit.Read(body) ?? settings.DefaultMaxOutputTokens;
        var maxCost = endpoint.Billable ? MaxCost(key.TenantId, provider, endpoint, model, body.Length, maxOutput, now) : 0m;
        return new BudgetClaim(matched, maxCost, maxOutput);
    }

    public bool IsLoaded => loaded.Task.IsCompleted;

    public Task WhenLoadedAsync(CancellationToken cancellationToken) => loaded.Task.WaitAsync(cancellationToken);

    /// <summary>Reserves the claim's cost in each of its budgets; on the first that cannot cover it, undoes the others and says why.</summary>
    public async ValueTask<(BudgetAdmission? Admitted, BudgetRefusal? Refused)> AdmitAsync(BudgetClaim claim, CancellationToken cancellationToken)
    {
        for (var i = 0; i < claim.Ledgers.Count; i++)
        {
            if (await ReserveAsync(claim.Ledgers[i], claim.MaxCostUsd, cancellationToken) is { } refusal)
            {
                for (var j = 0; j < i; j++)
                    claim.Ledgers[j].Release(claim.MaxCostUsd);
                return (null, refusal);
            }
        }
        return (new BudgetAdmission(this, claim), null);
    }

    /// <summary>The cost of record of a finished call, by the same rules the writer prices it with.</summary>
    public decimal CostOf(UsageRecord record) =>
        prices is { } table ? RecordPricer.Evaluate(record, table).CostUsd ?? 0m : record.ProviderCostUsd ?? 0m;

    public void AwaitWrite(string requestId, IReadOnlyList<BudgetLedger> settled, decimal cost)
    {
        if (cost != 0m)
            unwritten[requestId] = settled;
    }

    /// <summary>The writer stored (or gave up on) these records: their costs are the database's to count now.</summary>
    public void OnWritten(IEnumerable<UsageRecord> records)
    {
        if (unwritten.IsEmpty)
            return;
        foreach (var record in records)
        {
            if (unwritten.TryRemove(record.RequestId, out var settled))
            {
                foreach (var ledger in settled)
                    ledger.Written(record.RequestId);
            }
        }
    }

    /// <summary>What the instance leases at a time for a budget: a share of its amount, or one call's cost if that is more.</summary>
    public decimal Chunk(BudgetLedger ledger, decimal atLeast = 0m) =>
        Math.Max(ledger.Budget.AmountUsd * (decimal)settings.LeasePercent / 100m, atLeast);

    private async ValueTask<BudgetRefusal?> ReserveAsync(BudgetLedger ledger, decimal cost, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var outcome = ledger.TryReserve(cost, clock.GetUtcNow(), HeadroomFreshFor);
            if (outcome.Kind == BudgetReservationKind.Reserved)
                return null;
            if (outcome.Kind == BudgetReservationKind.Refused || round == MaxGrantRounds)
                return new BudgetRefusal(ledger.Budget, ledger.Period, cost, outcome.LeftUsd);
            try
            {
                await ledger.WaitForGrantAsync(l => GrantAsync(l, cost), cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return new BudgetRefusal(ledger.Budget, ledger.Period, cost, 0m, Unavailable: true);
            }
        }
    }

    /// <summary>Enough for every call waiting on this ledger, and at least a chunk.</summary>
    private async Task GrantAsync(BudgetLedger ledger, decimal cost)
    {
        var now = clock.GetUtcNow();
        var wanted = Chunk(ledger, cost * Math.Max(1, ledger.Waiting)) - Math.Max(0m, ledger.UsableAllowance(now));
        if (!await store.GrantAsync(ledger, wanted, CancellationToken.None))
            ledger.Retire();
    }

    private decimal MaxCost(Guid tenantId, string provider, EndpointInfo endpoint, string? model, int requestBytes, long maxOutput, DateTimeOffset now)
    {
        if (prices is not { } table)
            return 0m;
        var call = new UsageRecord
        {
            RequestId = "",
            TenantId = tenantId,
            Provider = provider,
            Endpoint = endpoint.Name,
            ModelRequested = model,
            Timestamp = now,
            Source = UsageSource.Proxy,
            Billable = true,
            UsageComplete = true,
            Tokens = new TokenCounts { InputTokens = requestBytes / settings.InputBytesPerToken, OutputTokens = maxOutput },
        };
        return RecordPricer.Evaluate(call, table) is { Status: PricingStatus.Priced, CostUsd: { } cost } ? cost : 0m;
    }
}
