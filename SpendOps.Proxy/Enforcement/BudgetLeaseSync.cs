using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// Keeps <see cref="BudgetGate"/> current, every <see cref="BudgetGateOptions.SyncMilliseconds"/>: reloads the blocking
/// budgets and the price table every few seconds, tops up the allowance of budgets in use before a call has to wait for
/// it, returns allowance not used for a while so other instances can lease it, drops the accounts of finished periods,
/// and renews this instance's lease rows. When the database is unreachable, calls go on using the allowance already
/// leased until the lease time runs out.
/// </summary>
internal sealed partial class BudgetLeaseSync(
    BudgetGate gate,
    BudgetLeaseStore store,
    IDbContextFactory<SpendOpsDbContext> contexts,
    PriceCache prices,
    IOptions<BudgetGateOptions> options,
    TimeProvider clock,
    ILogger<BudgetLeaseSync> logger) : BackgroundService
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CleanEvery = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim running = new(1, 1);
    private Dictionary<Guid, (DateTimeOffset UpdatedAt, string? Zone, GatedBudget Budget)> compiled = [];
    // Elapsed time rather than the clock: a test can stop the clock without stopping the reloads.
    private long lastReload = long.MinValue;
    private long lastClean = long.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.SyncMilliseconds));
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSyncFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override void Dispose()
    {
        running.Dispose();
        base.Dispose();
    }

    /// <summary>One round; <paramref name="reload"/> reads the budgets now rather than when they are due.</summary>
    public async Task SyncOnceAsync(CancellationToken cancellationToken, bool reload = false)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            if (reload || !gate.IsLoaded || Stopwatch.GetElapsedTime(lastReload) >= ReloadEvery)
            {
                await ReloadAsync(cancellationToken);
                lastReload = Stopwatch.GetTimestamp();
            }
            await TendLedgersAsync(cancellationToken);
            var clean = Stopwatch.GetElapsedTime(lastClean) >= CleanEvery;
            await store.RenewAsync([.. gate.Ledgers], clean, cancellationToken);
            if (clean)
                lastClean = Stopwatch.GetTimestamp();
        }
        finally
        {
            running.Release();
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Budgets.AsNoTracking()
            .Where(b => b.Action == BudgetAction.Block && !b.Paused)
            .Select(b => new { Budget = b, Zone = b.Tenant!.TimeZone })
            .ToListAsync(cancellationToken);
        // Unchanged budgets keep their compiled scope (model patterns are compiled regular expressions).
        var next = new Dictionary<Guid, (DateTimeOffset, string?, GatedBudget)>(rows.Count);
        foreach (var row in rows)
        {
            var budget = compiled.TryGetValue(row.Budget.Id, out var known) && known.UpdatedAt == row.Budget.UpdatedAt && known.Zone == row.Zone
                ? known.Budget
                : new GatedBudget(row.Budget, TenantCalendar.For(row.Zone));
            next[row.Budget.Id] = (row.Budget.UpdatedAt, row.Zone, budget);
        }
        var table = rows.Count == 0 ? null : await prices.GetAsync(cancellationToken);
        compiled = next;
        gate.Load(next.Values.Select(v => v.Item3), table);
    }

    private async Task TendLedgersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var ledger in gate.Ledgers.ToList())
        {
            if (!gate.IsCurrent(ledger, now))
            {
                // A period that ended, or a budget that no longer blocks: gone once its calls are settled and written.
                ledger.ReturnIdleAllowance(now, TimeSpan.Zero);
                if (ledger.IsSettled)
                    gate.Remove(ledger);
                continue;
            }
            ledger.ReturnIdleAllowance(now, IdleAfter);
            var chunk = gate.Chunk(ledger);
            if (ledger.WantsTopUp(now, chunk, IdleAfter))
                await ledger.WaitForGrantAsync(l => store.GrantAsync(l, chunk - Math.Max(0m, l.UsableAllowance(now)), cancellationToken), cancellationToken);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budget leases could not be synced with the database; calls use the allowance already leased until the lease time runs out")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
