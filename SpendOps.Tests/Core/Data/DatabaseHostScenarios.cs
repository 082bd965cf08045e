using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Data;

/// <summary>
/// The host on a production database: migrations, the key cache and the usage writer. Each scenario runs on PostgreSQL
/// (<see cref="PostgresTests"/>) and SQL Server (<see cref="SqlServerTests"/>), chosen by the fixture.
/// </summary>
public abstract class DatabaseHostScenarios(ProxyFixture fixture)
{
    protected async Task Startup_AppliesMigrationsAsync(string expectedProvider)
    {
        var pending = await fixture.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var provider = await fixture.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.Empty(pending);
        Assert.Equal(expectedProvider, provider);
    }

    protected async Task ProxiedCall_IsRecordedWithDimensionsAsync()
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
        Assert.Equal(TimeSpan.Zero, record.Timestamp.Offset);
        var byDimension = await fixture.WithDbAsync(db => db.UsageDimensions.CountAsync(d => d.Name == "team" && d.Value == "platform"));
        Assert.Equal(1, byDimension);
    }

    protected async Task RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWrittenAsync()
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

    protected async Task QueuedRecord_StoresEveryTokenCounterAsync()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        var sink = fixture.App.Services.GetRequiredService<SpendOps.Proxy.Usage.UsageSink>();
        var tokens = new TokenCounts
        {
            InputTokens = 9_000_000_000L, CacheReadTokens = 2, CacheWrite5mTokens = 3, CacheWrite1hTokens = 4, OutputTokens = 5,
            ReasoningTokens = 1, AudioInputTokens = 6, AudioOutputTokens = 7, ImageInputTokens = 8, ImageOutputTokens = 9, WebSearchRequests = 10,
        };
        var id = $"{Guid.NewGuid():N}-tokens";

        sink.Enqueue(new UsageRecord
        {
            RequestId = id, TenantId = tenant.Id, Timestamp = DateTimeOffset.UtcNow, Provider = "openai", Endpoint = "chat.completions",
            UsageComplete = true, StatusCode = 200, Tokens = tokens.Copy(),
        });
        var stored = await fixture.WaitForUsageAsync(id);

        Assert.Equivalent(tokens, stored.Tokens, strict: true);
    }

    protected async Task DisabledKey_IsRefusedWithinSecondsAsync()
    {
        var key = await fixture.CreateKeyAsync();
        await fixture.WithKeysAsync(s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));
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
