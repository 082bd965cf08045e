using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Polls the key table for rows changed since the last look (every <see cref="ProxyOptions.KeyCacheRefreshSeconds"/>),
/// which is how a key disabled or rotated on one instance stops working on all of them within seconds. "Since the last
/// look" is a database-assigned version (<see cref="ApiKey.ChangeVersion"/>), not a time: a writer whose clock is
/// behind would otherwise write changes the cache never asks for.
/// Also writes the batched last-used times. Polling the database, rather than an in-process event, is what
/// makes this work with several instances and with the command line changing keys. Tenants' dimension
/// catalogues are refreshed in the same pass (<see cref="TenantDimsRefresh"/>), so a catalogue change reaches the
/// proxies as fast as a key change.
/// </summary>
internal sealed partial class ApiKeyCacheRefresher(
    ApiKeyResolver resolver,
    TenantDimsCache tenantDims,
    IServiceProvider services,
    IOptions<ProxyOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyCacheRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan FullReloadEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LastUsedFlushEvery = TimeSpan.FromSeconds(30);

    private readonly TenantDimsRefresh dimsRefresh = new(tenantDims);
    private long? seenVersion;
    private DateTimeOffset lastFullReload;
    private DateTimeOffset lastUsedFlush;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KeyCacheRefreshSeconds), clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The cache keeps serving what it has; a database outage must not take the proxy down.
                LogRefreshFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));

        await FlushLastUsedAsync(CancellationToken.None);
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        var query = db.ApiKeys.AsNoTracking();
        var full = seenVersion is null || now - lastFullReload >= FullReloadEvery;
        if (!full)
        {
            var since = seenVersion!.Value;
            query = query.Where(k => k.ChangeVersion > since);
        }
        await dimsRefresh.RefreshAsync(db, full, cancellationToken);
        var rows = await query.Select(k => new { Key = k, TenantName = k.Tenant!.Name }).ToListAsync(cancellationToken);
        var pairs = rows.Select(r => (r.Key, r.TenantName)).ToList();
        if (full)
        {
            resolver.ReplaceAll(pairs);
            lastFullReload = now;
        }
        else
        {
            resolver.Apply(pairs);
        }
        // Versions become visible in order (see KeyChangeVersions), so nothing at or below the highest one seen is still to come.
        var newest = rows.Count == 0 ? 0 : rows.Max(r => r.Key.ChangeVersion);
        seenVersion = Math.Max(seenVersion ?? 0, newest);

        if (now - lastUsedFlush >= LastUsedFlushEvery)
        {
            await FlushLastUsedAsync(cancellationToken);
            lastUsedFlush = now;
        }
    }

    private async Task FlushLastUsedAsync(CancellationToken cancellationToken)
    {
        var used = resolver.DrainLastUsed();
        if (used.Count == 0)
            return;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            foreach (var (id, at) in used)
            {
                // Only moves forward, and never touches ChangeVersion, so it does not wake every cache.
                await db.ApiKeys.Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogLastUsedFailed(logger, ex);
        }
    }

    private static async ValueTask<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the API key cache failed; serving the cached keys")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing API key last-used times failed")]
    private static partial void LogLastUsedFailed(ILogger logger, Exception exception);
}
