using System.Diagnostics;
using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Key changes reach every instance within seconds, without a database query per request.</summary>
public sealed class KeyCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;
    private SpendOpsAppFactory first = null!;
    private SpendOpsAppFactory second = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        database = TestDatabase.Sqlite();
        first = new SpendOpsAppFactory(database, upstream.BaseUrl);
        first.Settings["Proxy:KeyCacheRefreshSeconds"] = "2";
        first.Start();
        second = new SpendOpsAppFactory(database, upstream.BaseUrl);
        second.Settings["Proxy:KeyCacheRefreshSeconds"] = "2";
        second.Start();
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task KeyDisabledOnOneInstance_StopsWorkingOnBothWithinFiveSeconds()
    {
        var key = await CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(first, key.FullKey));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(second, key.FullKey));

        var clock = Stopwatch.StartNew();
        await WithKeysAsync(first, s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);
        await WaitForStatusAsync(first, key.FullKey, HttpStatusCode.Forbidden);
        Assert.True(clock.Elapsed < Promise, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RotatedKey_OldSecretStopsAndNewWorksOnOtherInstance()
    {
        var key = await CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(second, key.FullKey));

        var rotated = await WithKeysAsync(first, s => s.RotateAsync(key.Key.Id, TenantScope.AllTenants, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(second, rotated.FullKey));
        Assert.NotEqual(key.FullKey, rotated.FullKey);
    }

    [Fact]
    public async Task AfterTheRightSecret_AWrongSecretOfTheSameKeyIsStillRefused()
    {
        var key = await CreateKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(first, key.FullKey));
        var wrong = key.FullKey[..^1] + (key.FullKey[^1] == 'a' ? 'b' : 'a');

        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(first, wrong));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(first, key.FullKey));
    }

    [Fact]
    public async Task KeyReEnabled_WorksAgain()
    {
        var key = await CreateKeyAsync();
        await WithKeysAsync(first, s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));
        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.Forbidden);

        await WithKeysAsync(first, s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Active, "test", CancellationToken.None));

        await WaitForStatusAsync(second, key.FullKey, HttpStatusCode.OK);
    }

    [Fact]
    public async Task KeyCreatedOnOtherInstance_WorksAtOnce()
    {
        var key = await CreateKeyAsync();

        Assert.Equal(HttpStatusCode.OK, await CallAsync(second, key.FullKey));
    }

    private async Task<CreatedApiKey> CreateKeyAsync()
    {
        await using var scope = first.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<SpendOps.Core.Tenancy.TenantService>().FindByNameAsync("default", CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant!.Id, "cache test", KeyPolicy.Unrestricted, "test", CancellationToken.None);
    }

    private static async Task<T> WithKeysAsync<T>(SpendOpsAppFactory app, Func<ApiKeyService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    private static async Task<HttpStatusCode> CallAsync(SpendOpsAppFactory app, string key)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task WaitForStatusAsync(SpendOpsAppFactory app, string key, HttpStatusCode expected)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = await CallAsync(app, key)) != expected && deadline.Elapsed < Promise)
            await Task.Delay(50);
        Assert.Equal(expected, status);
    }
}
