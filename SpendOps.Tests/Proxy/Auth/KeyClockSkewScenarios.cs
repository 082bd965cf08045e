using System.Net;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using static SpendOps.Tests.Proxy.Auth.KeyStorageTestApps;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>
/// Two instances on one database whose clocks are an hour apart: a key disabled, or a policy narrowed, through either of
/// them is refused by the other within the cache refresh, as the change is found by a database-assigned version and
/// not by the writer's time. Run on SQLite (two hosts on one file) and PostgreSQL.
/// </summary>
public abstract class KeyClockSkewScenarios : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;
    private SpendOpsAppFactory first = null!;
    private SpendOpsAppFactory second = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        database = await CreateDatabaseAsync();
        first = Start(database, upstream.BaseUrl);
        second = Start(database, upstream.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>The writer's clock behind: its change carries a time the other instance has long passed.</summary>
    protected async Task KeyDisabledThroughInstanceWhoseClockIsAnHourBehind_IsRefusedByTheOtherAsync()
    {
        using var behind = first.Clock.StopAt(DateTimeOffset.UtcNow.AddHours(-1));
        var key = await CreateKeyAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(second, key.FullKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(first, key.FullKey)).Status);

        await WithKeysAsync(first, s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);
        // The writer's own cache learns of the change by the same refresh, on its own timer: waited for too.
        await WaitForStatusAsync(first, key.FullKey, HttpStatusCode.Forbidden);
    }

    /// <summary>The reader's clock behind: the writer's change carries a time in the reader's future.</summary>
    protected async Task KeyDisabledThroughInstanceWhoseClockIsAnHourAhead_IsRefusedByTheOtherAsync()
    {
        using var behind = second.Clock.StopAt(DateTimeOffset.UtcNow.AddHours(-1));
        var key = await CreateKeyAsync(first);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(second, key.FullKey)).Status);

        await WithKeysAsync(first, s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);
    }

    protected async Task PolicyNarrowedThroughInstanceWhoseClockIsAnHourBehind_AppliesOnTheOtherAsync()
    {
        using var behind = first.Clock.StopAt(DateTimeOffset.UtcNow.AddHours(-1));
        var key = await CreateKeyAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(second, key.FullKey)).Status);

        var anthropicOnly = new KeyPolicy { AllowedProviders = ["anthropic"] };
        await WithKeysAsync(first, s => s.UpdateAsync(key.Key.Id, TenantScope.AllTenants, key.Key.Name, anthropicOnly, null, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);
        Assert.Contains(SpendOps.Proxy.Auth.ProxyMessages.ProviderNotAllowed, (await CallAsync(second, key.FullKey)).Body, StringComparison.Ordinal);
    }
}
