using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Data;

/// <summary>The same host on PostgreSQL, the production database: its migrations, the key cache and the usage writer.</summary>
public sealed class PostgresFixture : ProxyFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    protected override bool DatabaseAvailable => !TestEnvironment.SkipsPostgres;
}

public sealed class PostgresTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [RequiresPostgresFact]
    public async Task Startup_AppliesPostgresMigrations()
    {
        var pending = await fixture.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var provider = await fixture.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.Empty(pending);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
    }

    [RequiresPostgresFact]
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
        Assert.Equal(TimeSpan.Zero, record.Timestamp.Offset);
        var byDimension = await fixture.WithDbAsync(db => db.UsageDimensions.CountAsync(d => d.Name == "team" && d.Value == "platform"));
        Assert.Equal(1, byDimension);
    }

    [RequiresPostgresFact]
    public async Task OversizedOrInvalidTextFromCallers_StillGivesARecord()
    {
        var key = await fixture.CreateKeyAsync();
        using var client = fixture.CreateClient();
        async Task<string> SendAsync(string path, string body, string? tags = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-ASO-API-Key", key.FullKey);
            if (tags is not null)
                request.Headers.Add("x-litellm-tags", tags);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Assert.Single(response.Headers.GetValues("X-ASO-Request-Id"));
        }

        var longModel = await SendAsync($"/v1/google/v1beta/models/{new string('a', 300)}:generateContent", "{}");
        var nulModel = await SendAsync("/v1/openai/v1/chat/completions", "{\"model\":\"gpt\\u0000x\"}");
        var manyTags = await SendAsync("/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\"}", string.Join(',', Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 200))));

        Assert.Equal(200, (await fixture.WaitForUsageAsync(longModel)).ModelRequested!.Length);
        Assert.Null((await fixture.WaitForUsageAsync(nulModel)).ModelRequested);
        Assert.True((await fixture.WaitForUsageAsync(manyTags)).Dims["tags"].Length <= 256);
    }

    [RequiresPostgresFact]
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

    [RequiresPostgresFact]
    public async Task QueuedRecord_StoresEveryTokenCounter()
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

    [RequiresPostgresFact]
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
