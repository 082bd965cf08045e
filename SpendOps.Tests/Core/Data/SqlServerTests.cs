using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Data;

/// <summary>The same host on SQL Server, where one is configured (<c>SPENDOPS_TEST_SQLSERVER</c>).</summary>
public sealed class SqlServerFixture : ProxyFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqlServerAsync();

    protected override bool DatabaseAvailable => !TestEnvironment.SkipsSqlServer;
}

/// <summary>Its migrations, Identity, the key cache, the usage writer and the portal's queries on SQL Server.</summary>
[Trait("Database", "SqlServer")]
public sealed class SqlServerTests(SqlServerFixture fixture) : IClassFixture<SqlServerFixture>
{
    private static readonly AdminActor Actor = new("actor-id", "actor@spendops.test", IsGlobalAdmin: true);

    [RequiresSqlServerFact]
    public async Task Startup_AppliesSqlServerMigrations()
    {
        var pending = await fixture.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var provider = await fixture.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.Empty(pending);
        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", provider);
    }

    [RequiresSqlServerFact]
    public async Task Readiness_WithTheDatabaseUp_IsHealthy()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [RequiresSqlServerFact]
    public async Task ProxiedCall_IsRecordedWithDimensions()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequiredDims = ["user"] });
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/anthropic/v1/messages?beta=true")
        {
            Content = new StringContent("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        request.Headers.Add("X-ASO-Dims", "user=alice,team=platform");

        var response = await client.SendAsync(request);
        var record = await fixture.WaitForUsageAsync(Assert.Single(response.Headers.GetValues("X-ASO-Request-Id")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", record.Dims["user"]);
        Assert.Equal(2, record.DimensionRows.Count);
        var byDimension = await fixture.WithDbAsync(db => db.UsageDimensions.CountAsync(d => d.Name == "team" && d.Value == "platform"));
        Assert.Equal(1, byDimension);
    }

    [RequiresSqlServerFact]
    public async Task RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWritten()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        var sink = fixture.App.Services.GetRequiredService<SpendOps.Proxy.Usage.UsageSink>();
        UsageRecord Record(string id, string? keyId) => new()
        {
            RequestId = id, TenantId = tenant.Id, ApiKeyId = keyId, Timestamp = DateTimeOffset.UtcNow, Provider = "openai",
            Endpoint = "chat.completions", UsageComplete = true, StatusCode = 200,
        };
        var prefix = Guid.NewGuid().ToString("N")[..8];

        sink.Enqueue(Record($"{prefix}-good-1", "k1"));
        sink.Enqueue(Record($"{prefix}-bad", new string('k', 100)));
        sink.Enqueue(Record($"{prefix}-good-2", "k1"));

        await fixture.WaitForUsageAsync($"{prefix}-good-1");
        await fixture.WaitForUsageAsync($"{prefix}-good-2");
        var rejected = Directory.GetFiles(fixture.App.SpillDirectory, "rejected-*.jsonl").SelectMany(File.ReadAllLines);
        Assert.Contains(rejected, line => line.Contains($"{prefix}-bad", StringComparison.Ordinal));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.UsageRecords.CountAsync(r => r.RequestId == $"{prefix}-bad")));
    }

    [RequiresSqlServerFact]
    public async Task TenantUsers_CreateListChangeRole_WorkOnSqlServer()
    {
        var tenant = await fixture.EnsureTenantAsync("mssql-users");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<TenantUserService>();

        var created = await users.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@mssql.test", "Pat", Roles.Viewer, null, Actor, CancellationToken.None);
        await users.ChangeRoleAsync(tenant.Id, created.User.Id, Roles.Finance, Actor, CancellationToken.None);
        await users.DisableAsync(tenant.Id, created.User.Id, Actor, CancellationToken.None);
        var listed = Assert.Single(await users.ListAsync(tenant.Id, CancellationToken.None));

        Assert.Equal([Roles.Finance], listed.Roles);
        Assert.True(listed.IsDisabled);
    }

    [RequiresSqlServerFact]
    public async Task DisabledKey_IsRefusedWithinSeconds()
    {
        var key = await fixture.CreateKeyAsync();
        await fixture.WithKeysAsync(s => s.SetStatusAsync(key.Key.Id, ApiKeyStatus.Disabled, "test", CancellationToken.None));
        using var client = fixture.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions") { Content = new StringContent("{\"model\":\"gpt-4.1\"}") };
            request.Headers.Add("X-ASO-API-Key", key.FullKey);
            status = (await client.SendAsync(request)).StatusCode;
        }
        while (status != HttpStatusCode.Forbidden && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
