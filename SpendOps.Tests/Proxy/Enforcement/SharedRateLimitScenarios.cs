using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Enforcement;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>
/// Two proxy instances (two limiters, each with its own sync) sharing one database: what they admit together, and how
/// much more than the limit the one-second sync lets through.
/// </summary>
public abstract class SharedRateLimitScenarios
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 15, TimeSpan.Zero);

    protected abstract UsageDatabaseFixture Database { get; }

    protected async Task SequentialSyncs_TogetherAdmitExactlyTheLimitAsync()
    {
        var clock = new FixedClock(Now);
        var key = Key(requestsPerMinute: 10);
        var (a, syncA) = Instance(clock);
        var (b, syncB) = Instance(clock);

        var admittedByA = Admit(a, key, 6);
        await syncA.SyncOnceAsync(CancellationToken.None);
        await syncB.SyncOnceAsync(CancellationToken.None);
        var admittedByB = Admit(b, key, 10);
        await syncB.SyncOnceAsync(CancellationToken.None);
        await syncA.SyncOnceAsync(CancellationToken.None);
        var laterByA = Admit(a, key, 10);

        Assert.Equal(6, admittedByA);
        Assert.Equal(4, admittedByB);
        Assert.Equal(0, laterByA);
    }

    protected async Task ConcurrentTraffic_OvershootIsWhatTheOtherAdmittedBetweenSyncsAsync()
    {
        var clock = new FixedClock(Now);
        var key = Key(requestsPerMinute: 10);
        var (a, syncA) = Instance(clock);
        var (b, syncB) = Instance(clock);

        // Each "second" both instances try 3 requests, then A syncs, then B. A reads B's row before B has rewritten it, so
        // A learns of B's requests one round late. Round 1: A 3, B 3. Round 2: A sees 3 (its own), admits 3; B sees 3 + 3,
        // admits 3. Round 3: A sees 6 + B's 3 of round 1 = 9, admits 1; B sees 6 + 6, refuses. Round 4: both refuse.
        // Together 13 = the limit + the 3 that B admitted in the round A had not seen yet.
        var admitted = 0;
        for (var round = 0; round < 4; round++)
        {
            admitted += Admit(a, key, 3) + Admit(b, key, 3);
            await syncA.SyncOnceAsync(CancellationToken.None);
            await syncB.SyncOnceAsync(CancellationToken.None);
        }

        Assert.Equal(13, admitted);
    }

    protected async Task NextMinute_CountsStartAgain_OldWindowsDeletedAsync()
    {
        var clock = new FixedClock(Now);
        var key = Key(requestsPerMinute: 2);
        var (a, syncA) = Instance(clock);

        Assert.Equal(2, Admit(a, key, 5));
        await syncA.SyncOnceAsync(CancellationToken.None);
        Assert.Equal(1, await RowsAsync(key.Id));

        clock.Now = Now.AddMinutes(2);
        await syncA.SyncOnceAsync(CancellationToken.None);

        Assert.Equal(0, await RowsAsync(key.Id));
        Assert.Equal(2, Admit(a, key, 5));
    }

    protected async Task DatabaseUnreachable_EachInstanceEnforcesItsOwnCountsAsync()
    {
        var clock = new FixedClock(Now);
        var key = Key(requestsPerMinute: 3);
        var limiter = new KeyRateLimiter(new TenantRateLimitDefaults(), clock);
        var sync = new RateLimitSync(limiter, new TenantRateLimitDefaults(), new BrokenContexts(), clock, NullLogger<RateLimitSync>.Instance);

        var before = Admit(limiter, key, 2);
        await Assert.ThrowsAnyAsync<Exception>(() => sync.SyncOnceAsync(CancellationToken.None));
        var after = Admit(limiter, key, 5);

        Assert.Equal(2, before);
        Assert.Equal(1, after);
    }

    private static int Admit(KeyRateLimiter limiter, ResolvedKey key, int attempts)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if (limiter.Admit(key) is { Refused: RateLimitKind.None })
                admitted++;
        }
        return admitted;
    }

    private (KeyRateLimiter Limiter, RateLimitSync Sync) Instance(TimeProvider clock)
    {
        var defaults = new TenantRateLimitDefaults();
        var limiter = new KeyRateLimiter(defaults, clock);
        return (limiter, new RateLimitSync(limiter, defaults, new FixtureContexts(Database), clock, NullLogger<RateLimitSync>.Instance));
    }

    private static ResolvedKey Key(int requestsPerMinute) => new(new ApiKey
    {
        Id = "k" + Guid.NewGuid().ToString("N")[..12],
        TenantId = Guid.NewGuid(),
        Name = "shared",
        SecretHash = "unused",
        SecretHint = "xxxx",
        Policy = new KeyPolicy { RequestsPerMinute = requestsPerMinute },
    }, "tenant");

    private async Task<int> RowsAsync(string keyId)
    {
        await using var db = Database.CreateContext();
        return await db.RateLimitCounters.CountAsync(c => c.ApiKeyId == keyId);
    }

    private sealed class FixtureContexts(UsageDatabaseFixture fixture) : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() => fixture.CreateContext();
    }

    private sealed class BrokenContexts : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() =>
            new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite("Data Source=/nonexistent/dir/spendops.db").Options);
    }
}
