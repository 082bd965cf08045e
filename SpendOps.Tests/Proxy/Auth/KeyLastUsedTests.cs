using System.Net;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>
/// A key's "Last used" (the portal's key list and key page, <c>keys list</c>) follows proxied calls. The proxy keeps
/// it in memory and writes it in batches; stopping an instance writes what it holds.
/// </summary>
public sealed class KeyLastUsedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstCall = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastCall = FirstCall.AddMinutes(7);
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        database = TestDatabase.Sqlite();
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ProxiedCalls_SetLastUsedToTheLatestCall_WhenTheInstanceStops()
    {
        Guid tenantId;
        CreatedApiKey used, unused;
        // Disposing the instance stops it, which is when it writes the last-use times it holds.
        await using (var app = new SpendOpsAppFactory(database, upstream.BaseUrl).Start())
        {
            (tenantId, used, unused) = await CreateKeysAsync(app);
            using (app.Clock.StopAt(FirstCall))
                Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(app, used.FullKey)).StatusCode);
            using (app.Clock.StopAt(LastCall))
                Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(app, used.FullKey)).StatusCode);
        }

        await using var reader = new SpendOpsAppFactory(database, upstream.BaseUrl).Start();
        await using var scope = reader.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        Assert.Equal(LastCall, (await ApiKeyQueries.FindAsync(db, tenantId, used.Key.Id, CancellationToken.None))!.LastUsedAt);
        Assert.Null((await ApiKeyQueries.FindAsync(db, tenantId, unused.Key.Id, CancellationToken.None))!.LastUsedAt);
    }

    private static async Task<(Guid TenantId, CreatedApiKey Used, CreatedApiKey Unused)> CreateKeysAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None);
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var used = await keys.CreateAsync(tenant!.Id, "used", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        var unused = await keys.CreateAsync(tenant.Id, "unused", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        return (tenant.Id, used, unused);
    }
}
