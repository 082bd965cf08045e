using System.Net;
using System.Text.Json;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Health;

/// <summary>
/// <c>/readyz</c> answers 503 (so a load balancer stops sending traffic) while the usage writer is not keeping up or the
/// spill folder is near its quota, and lists each check.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_AllWell_Is200WithEachCheckHealthy()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = TestDatabase.Sqlite();
        await using var app = new SpendOpsAppFactory(database, upstream.BaseUrl).Start();

        var (status, checks) = await ReadyzAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["usageQueue"]);
        Assert.Equal("Healthy", checks["spillFolder"]);
    }

    [Fact]
    public async Task Readyz_UsageQueueAboveHighWaterMark_Is503()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = TestDatabase.Sqlite();
        await using var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Usage:QueueCapacity"] = "4";
        app.Settings["Health:QueueHighWaterPercent"] = "50";
        // No writer: the records of the calls below stay queued, as when the database cannot keep up.
        app.TestServices = services =>
        {
            foreach (var writer in services.Where(d => d.ImplementationType == typeof(UsageWriter)).ToList())
                services.Remove(writer);
        };
        app.Start();
        var key = await CreateKeyAsync(app);

        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(app, key), HttpStatusCode.OK);
        var (oneQueued, _) = await ReadyzAsync(app);
        using var second = await ProxyProbe.ChatAsync(app, key);
        var (status, checks) = await ReadyzAsync(app);

        Assert.Equal(HttpStatusCode.OK, oneQueued);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["usageQueue"]);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["spillFolder"]);
    }

    [Fact]
    public async Task Readyz_SpillFolderNearItsQuota_Is503_WhileHealthzStays200()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = TestDatabase.Sqlite();
        await using var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Usage:SpillMaxBytes"] = "1000";
        // 950 bytes of another database's records kept for an operator: 95% of the quota, above the 90% mark.
        Directory.CreateDirectory(Path.Combine(app.SpillDirectory, "foreign"));
        await File.WriteAllTextAsync(Path.Combine(app.SpillDirectory, "foreign", "spill-old.jsonl"), new string('x', 950));
        app.Start();

        var (status, checks) = await ReadyzAsync(app);
        using var client = app.CreateHttpClient();
        using var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["spillFolder"]);
        Assert.Equal("Healthy", checks["usageQueue"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeyAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<SpendOps.Core.Tenancy.TenantService>();
        var tenant = await tenants.FindByNameAsync("default", CancellationToken.None) ?? throw new InvalidOperationException("No bootstrap tenant.");
        var created = await scope.ServiceProvider.GetRequiredService<SpendOps.Core.Keys.ApiKeyService>()
            .CreateAsync(tenant.Id, "readiness", SpendOps.Core.Keys.KeyPolicy.Unrestricted, "test", CancellationToken.None);
        return created.FullKey;
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyzAsync(SpendOpsAppFactory app)
    {
        using var client = app.CreateHttpClient();
        using var response = await client.GetAsync("/readyz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }
}
