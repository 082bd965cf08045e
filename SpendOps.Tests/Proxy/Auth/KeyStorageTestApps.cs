using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Starting hosts on one database and calling the proxy and the ingest with a key, for the key storage tests.</summary>
internal static class KeyStorageTestApps
{
    public const string NoUpstreamUsed = "http://127.0.0.1:9";

    public static SpendOpsAppFactory Start(TestDatabase database, string upstream, CapturedLog? log = null, Action<SpendOpsAppFactory>? configure = null)
    {
        var app = new SpendOpsAppFactory(database, upstream);
        if (log is not null)
            app.TestServices = services => services.AddSingleton<ILoggerProvider>(log);
        configure?.Invoke(app);
        return app.Start();
    }

    public static async Task<CreatedApiKey> CreateKeyAsync(SpendOpsAppFactory app, KeyPolicy? policy = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync(tenant!.Id, "storage test", policy ?? KeyPolicy.Unrestricted, "test", CancellationToken.None);
    }

    public static async Task<T> WithKeysAsync<T>(SpendOpsAppFactory app, Func<ApiKeyService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    public static async Task<(HttpStatusCode Status, string Body)> CallAsync(SpendOpsAppFactory app, string key)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpStatusCode> IngestAsync(SpendOpsAppFactory app, string endpointPath, string fullKey)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpointPath + "/v1/metrics")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fullKey);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Calls until the proxy answers <paramref name="expected"/>; the deadline is generous (a loaded machine), not a promise.</summary>
    public static async Task WaitForStatusAsync(SpendOpsAppFactory app, string key, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode status;
        while ((status = (await CallAsync(app, key)).Status) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(expected, status);
    }

    public static string SecretOf(string fullKey) => fullKey[(fullKey.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
