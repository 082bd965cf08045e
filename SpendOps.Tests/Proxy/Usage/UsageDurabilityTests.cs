using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>No accepted call loses its usage record: not at shutdown under load, not while the database is down.</summary>
public sealed class UsageDurabilityTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;
    private string spill = null!;
    private string journal = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        database = TestDatabase.Sqlite();
        spill = TestEnvironment.TempDirectory("spill");
        journal = TestEnvironment.TempDirectory("journal");
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ShutdownUnderLoad_LosesNoRecord()
    {
        var first = StartApp();
        var key = await CreateKeyAsync(first);
        var accepted = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendUntilStoppedAsync(first, key, accepted, stop.Token))).ToList();
        while (accepted.Count < 300)
            await Task.Delay(10);

        await first.DisposeAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await using var second = StartApp();

        await WaitForAllAsync(second, accepted);
    }

    [Fact]
    public async Task DatabaseOutageDuringTraffic_LosesNoRecord()
    {
        // SQLite waits "Default Timeout" seconds for a lock; an exclusive lock held by another connection is the outage.
        await using var app = StartApp(";Default Timeout=1");
        var key = await CreateKeyAsync(app);
        var accepted = new ConcurrentBag<string>();
        await SendAsync(app, key, accepted);
        await WaitForAllAsync(app, accepted);

        await using (var outage = new SqliteConnection(database.ConnectionString))
        {
            await outage.OpenAsync();
            await using (var begin = outage.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            for (var i = 0; i < 40; i++)
                await SendAsync(app, key, accepted);
            var metrics = app.Services.GetRequiredService<UsageMetrics>();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (metrics.Spilled == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.True(metrics.Spilled > 0, "the writer never saw the outage");
            Assert.True(metrics.Failed > 0);
            await using var end = outage.CreateCommand();
            end.CommandText = "COMMIT";
            await end.ExecuteNonQueryAsync();
        }

        await WaitForAllAsync(app, accepted);
        Assert.Equal(41, accepted.Count);
    }

    private SpendOpsAppFactory StartApp(string connectionSuffix = "")
    {
        var db = connectionSuffix.Length == 0 ? database : database.WithConnectionSuffix(connectionSuffix);
        var app = new SpendOpsAppFactory(db, upstream.BaseUrl);
        app.Settings["Usage:SpillDirectory"] = spill;
        app.Settings["Usage:JournalDirectory"] = journal;
        app.Settings["Usage:QueueCapacity"] = "64";
        app.Settings["Usage:BatchSize"] = "16";
        return app.Start();
    }

    private static async Task<string> CreateKeyAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<SpendOps.Core.Tenancy.TenantService>().FindByNameAsync("default", CancellationToken.None);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant!.Id, "durability", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        return created.FullKey;
    }

    private static async Task SendUntilStoppedAsync(SpendOpsAppFactory app, string key, ConcurrentBag<string> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SendAsync(app, key, accepted);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or ObjectDisposedException)
            {
                // The server is shutting down: this call was never accepted.
                return;
            }
        }
    }

    /// <summary>Sends one call; a call counts as accepted once its full response has been read.</summary>
    private static async Task SendAsync(SpendOpsAppFactory app, string key, ConcurrentBag<string> accepted)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode == HttpStatusCode.OK)
            accepted.Add(response.Headers.GetValues("X-ASO-Request-Id").Single());
    }

    private static async Task WaitForAllAsync(SpendOpsAppFactory app, ConcurrentBag<string> accepted)
    {
        var expected = accepted.ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HashSet<string> stored;
        do
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOps.Core.Data.SpendOpsDbContext>();
            stored = (await db.UsageRecords.Select(r => r.RequestId).ToListAsync()).ToHashSet();
            if (expected.IsSubsetOf(stored))
                return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{expected.Except(stored).Count()} of {expected.Count} accepted calls have no usage record");
    }
}
