using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// The usage queue is bounded in bytes as well as records, and the spill folder by a disk quota: past either bound
/// records go the next way (queue, spill file, memory), and every record still reaches the database.
/// </summary>
public sealed class UsageBoundsTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        database = TestDatabase.Sqlite();
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task QueueByteBoundSmallerThanARecord_SpillsEveryRecordAndStillStoresThem()
    {
        await using var app = Start(database, ("Usage:QueueMaxBytes", "1"));
        var key = await CreateKeyAsync(app);

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await SendAsync(app, key));
        await WaitForStoredAsync(app, ids);

        var metrics = app.Services.GetRequiredService<UsageMetrics>();
        Assert.Equal((0, 3), (metrics.Queued, metrics.Spilled));
    }

    [Fact]
    public async Task SpillFolderAtItsQuotaDuringAnOutage_KeepsTheBatchInMemoryAndLosesNothing()
    {
        // SQLite waits "Default Timeout" seconds for a lock; an exclusive lock held by another connection is the outage.
        await using var app = Start(database.WithConnectionSuffix(";Default Timeout=1"), ("Usage:SpillMaxBytes", "1"));
        var key = await CreateKeyAsync(app);
        var ids = new List<string> { await SendAsync(app, key) };
        await WaitForStoredAsync(app, ids);
        var metrics = app.Services.GetRequiredService<UsageMetrics>();
        var spill = app.Services.GetRequiredService<UsageSpillFile>();

        await using (var outage = new SqliteConnection(database.ConnectionString))
        {
            await outage.OpenAsync();
            await ExecuteAsync(outage, "BEGIN EXCLUSIVE");
            for (var i = 0; i < 10; i++)
                ids.Add(await SendAsync(app, key));
            await WaitUntilAsync(() => metrics.Failed > 0);
            Assert.Equal(0, spill.UsedBytes);
            await ExecuteAsync(outage, "COMMIT");
        }

        await WaitForStoredAsync(app, ids);
        Assert.Equal((0, 0), (metrics.Spilled, metrics.Lost));
    }

    [Fact]
    public async Task QueueFullAndSpillFolderAtItsQuota_KeepsTheOverflowInTheJournalAndLosesNothing()
    {
        await using var app = Start(database.WithConnectionSuffix(";Default Timeout=1"),
            ("Usage:SpillMaxBytes", "1"), ("Usage:QueueCapacity", "2"), ("Usage:BatchSize", "1"));
        var key = await CreateKeyAsync(app);
        await WaitForStoredAsync(app, [await SendAsync(app, key)]);
        var metrics = app.Services.GetRequiredService<UsageMetrics>();
        var ids = new List<string>();

        await using (var outage = new SqliteConnection(database.ConnectionString))
        {
            await outage.OpenAsync();
            await ExecuteAsync(outage, "BEGIN EXCLUSIVE");
            for (var i = 0; i < 8; i++)
                ids.Add(await SendAsync(app, key));
            await WaitUntilAsync(() => metrics.Failed > 0);
            await ExecuteAsync(outage, "COMMIT");
        }

        // One batch of one held by the writer plus two queued fit in memory; the others are only in the usage journal,
        // which is replayed once the records held in memory are stored.
        await WaitForStoredAsync(app, ids);
        Assert.Equal(8, await StoredCountAsync(app, ids));
        Assert.Equal(0, metrics.Lost);
    }

    private SpendOpsAppFactory Start(TestDatabase db, params (string Key, string Value)[] settings)
    {
        var app = new SpendOpsAppFactory(db, upstream.BaseUrl);
        foreach (var (name, value) in settings)
            app.Settings[name] = value;
        return app.Start();
    }

    private static async Task<string> CreateKeyAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant!.Id, "bounds", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        return created.FullKey;
    }

    private static async Task<string> SendAsync(SpendOpsAppFactory app, string key)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-ASO-Request-Id").Single();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForStoredAsync(SpendOpsAppFactory app, IReadOnlyCollection<string> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            var stored = await db.UsageRecords.CountAsync(r => ids.Contains(r.RequestId));
            if (stored == ids.Count)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{ids.Count - stored} of {ids.Count} calls have no usage record");
            await Task.Delay(50);
        }
    }

    private static async Task<int> StoredCountAsync(SpendOpsAppFactory app, IReadOnlyCollection<string> ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        return await db.UsageRecords.CountAsync(r => ids.Contains(r.RequestId));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition was not met within the timeout.");
            await Task.Delay(50);
        }
    }
}
