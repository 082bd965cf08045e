using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Infrastructure;

/// <summary>One started SpendOps host, its database and a fake provider, shared by the tests of a class.</summary>
public class ProxyFixture : IAsyncLifetime
{
    public FakeUpstream Upstream { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public SpendOpsAppFactory App { get; private set; } = null!;

    protected virtual Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    /// <summary>
    /// False when the database this fixture needs is not there (its tests are then skipped): the fixture starts
    /// nothing, so it has nothing to clean up either.
    /// </summary>
    protected virtual bool DatabaseAvailable => true;

    /// <summary>Extra settings for the host (applied before it starts).</summary>
    protected virtual void Configure(SpendOpsAppFactory app)
    {
    }

    public virtual async Task InitializeAsync()
    {
        if (!DatabaseAvailable)
            return;
        Upstream = await FakeUpstream.StartAsync();
        Database = await CreateDatabaseAsync();
        App = new SpendOpsAppFactory(Database, Upstream.BaseUrl);
        Configure(App);
        App.Start();
    }

    public virtual async Task DisposeAsync()
    {
        if (!DatabaseAvailable)
            return;
        await App.DisposeAsync();
        await Upstream.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient CreateClient() => App.CreateHttpClient();

    public async Task<T> WithDbAsync<T>(Func<SpendOpsDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>());
    }

    public async Task<Tenant> EnsureTenantAsync(string name)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
        return await tenants.FindByNameAsync(name, CancellationToken.None) ?? await tenants.CreateAsync(name, "test", CancellationToken.None);
    }

    /// <summary>Creates a key and returns the full <c>aso_k_…</c> string and its id.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(KeyPolicy? policy = null, string tenant = "default", string name = "test key")
    {
        var owner = await EnsureTenantAsync(tenant);
        await using var scope = App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(owner.Id, name, policy ?? KeyPolicy.Unrestricted, "test", CancellationToken.None);
        RunLog.IssuedSecret(created.FullKey);
        return created;
    }

    public async Task<T> WithKeysAsync<T>(Func<ApiKeyService, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    public async Task<T> WithDimsAsync<T>(Func<TenantDimsService, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TenantDimsService>());
    }

    public async Task WithDimsAsync(Func<TenantDimsService, Task> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TenantDimsService>());
    }

    /// <summary>Waits for the one usage record of a key used for exactly one call.</summary>
    public async Task<UsageRecord> WaitForKeyUsageAsync(string keyId)
    {
        var requestId = await WaitForAsync(() => WithDbAsync(db => db.UsageRecords.Where(r => r.ApiKeyId == keyId).Select(r => r.RequestId).FirstOrDefaultAsync()));
        return await WaitForUsageAsync(requestId);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition was not met within the timeout.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the usage writer has stored the record of a call (the proxy writes asynchronously).</summary>
    public async Task<UsageRecord> WaitForUsageAsync(string requestId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var record = await WithDbAsync(db => db.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).FirstOrDefaultAsync(r => r.RequestId == requestId));
            if (record is not null)
                return record;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No usage record for {requestId} within the timeout.");
            await Task.Delay(50);
        }
    }
}
