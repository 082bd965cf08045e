using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Data;
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

public sealed class PostgresTests(PostgresFixture fixture) : DatabaseHostScenarios(fixture), IClassFixture<PostgresFixture>
{
    [RequiresPostgresFact]
    public Task Startup_AppliesPostgresMigrations() => Startup_AppliesMigrationsAsync("Npgsql.EntityFrameworkCore.PostgreSQL");

    [RequiresPostgresFact]
    public Task ProxiedCall_IsRecordedWithDimensions() => ProxiedCall_IsRecordedWithDimensionsAsync();

    [RequiresPostgresFact]
    public Task RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWritten() => RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWrittenAsync();

    [RequiresPostgresFact]
    public Task QueuedRecord_StoresEveryTokenCounter() => QueuedRecord_StoresEveryTokenCounterAsync();

    [RequiresPostgresFact]
    public Task DisabledKey_IsRefusedWithinSeconds() => DisabledKey_IsRefusedWithinSecondsAsync();

    /// <summary>JIT compilation cost analytics queries more than it saved: the product's connections run without it.</summary>
    [RequiresPostgresFact]
    public async Task ProductConnections_RunWithoutJit()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
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
}
