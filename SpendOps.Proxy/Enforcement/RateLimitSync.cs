using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Data;
using SpendOps.Core.RateLimits;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// Once a second: stores this instance's per-key counts of the current window in <c>RateLimitCounters</c>, reads the
/// other instances' sums back into <see cref="KeyRateLimiter"/>, deletes windows older than the previous minute and
/// refreshes the tenants' default limits. When the database cannot be reached, every instance goes on enforcing its
/// own counts, and catches up at the next sync that succeeds.
/// </summary>
public sealed partial class RateLimitSync(
    KeyRateLimiter limiter,
    TenantRateLimitDefaults defaults,
    IDbContextFactory<SpendOpsDbContext> contexts,
    TimeProvider clock,
    ILogger<RateLimitSync> logger) : BackgroundService
{
    /// <summary>How often counts are exchanged: the multi-instance tolerance is what the others admit in this time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // The timer's sync and one asked for directly (a test, a shutdown) must not both insert this instance's new rows.
    private readonly SemaphoreSlim running = new(1, 1);
    private long lastCleanedMinute;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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

    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            await SyncAsync(cancellationToken);
        }
        finally
        {
            running.Release();
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var minute = limiter.CurrentMinute();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await WriteOwnCountsAsync(db, minute, cancellationToken);

        var others = await db.RateLimitCounters.AsNoTracking()
            .Where(c => c.WindowMinute == minute && c.InstanceId != limiter.InstanceId)
            .GroupBy(c => c.ApiKeyId)
            .Select(g => new { KeyId = g.Key, Requests = g.Sum(c => c.Requests), Tokens = g.Sum(c => c.Tokens) })
            .ToListAsync(cancellationToken);
        limiter.SetRemote(minute, others.ToDictionary(o => o.KeyId, o => (o.Requests, o.Tokens), StringComparer.Ordinal));

        var tenants = await db.Tenants.AsNoTracking()
            .Where(t => t.DefaultRequestsPerMinute != null || t.DefaultTokensPerMinute != null)
            .Select(t => new { t.Id, t.DefaultRequestsPerMinute, t.DefaultTokensPerMinute })
            .ToListAsync(cancellationToken);
        defaults.Replace(tenants.Select(t => KeyValuePair.Create(t.Id, new KeyRateLimits(t.DefaultRequestsPerMinute, t.DefaultTokensPerMinute))));

        if (minute != lastCleanedMinute)
        {
            // Every instance deletes; the first one each minute finds the rows, the others find none.
            await db.RateLimitCounters.Where(c => c.WindowMinute < minute - 1).ExecuteDeleteAsync(cancellationToken);
            limiter.Prune(minute);
            lastCleanedMinute = minute;
        }
    }

    /// <summary>Absolute counts, not increments: a sync that failed loses nothing, the next one writes the totals.</summary>
    private async Task WriteOwnCountsAsync(SpendOpsDbContext db, long minute, CancellationToken cancellationToken)
    {
        var counts = limiter.LocalCounts(minute);
        if (counts.Count == 0)
            return;
        var instance = limiter.InstanceId;
        var stored = await db.RateLimitCounters
            .Where(c => c.WindowMinute == minute && c.InstanceId == instance)
            .ToDictionaryAsync(c => c.ApiKeyId, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (keyId, requests, tokens) in counts)
        {
            if (!stored.TryGetValue(keyId, out var row))
            {
                row = new RateLimitCounter { ApiKeyId = keyId, WindowMinute = minute, InstanceId = instance };
                db.RateLimitCounters.Add(row);
            }
            row.Requests = requests;
            row.Tokens = tokens;
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit counts could not be shared through the database; each instance enforces its own counts until it can")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
