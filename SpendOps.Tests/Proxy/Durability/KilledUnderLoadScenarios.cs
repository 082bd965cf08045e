using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// The process is killed (SIGKILL) while 16 clients stream and call: every call a client saw answered has its usage
/// record stored once after a restart on the same database and data folder, replayed from the usage journal. Run on
/// SQLite and PostgreSQL.
/// </summary>
public abstract class KilledUnderLoadScenarios : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;
    private string journal = null!;
    private Dictionary<string, string> settings = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = DurabilityLoad.Provider();
        database = await CreateDatabaseAsync();
        journal = TestEnvironment.TempDirectory("journal");
        settings = new Dictionary<string, string>
        {
            ["Usage:JournalDirectory"] = journal,
            ["Usage:SpillDirectory"] = TestEnvironment.TempDirectory("spill"),
            // A slow writer: more records wait in the queue when the process dies.
            ["Usage:BatchDelayMilliseconds"] = "300",
            ["Usage:RetryMaxSeconds"] = "2",
            ["Proxy:Providers:openai:BaseUrl"] = upstream.BaseUrl,
        };
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    protected async Task KilledUnderLoad_EveryAnsweredCallIsStoredOnceAfterRestartAsync()
    {
        var key = await DurabilityLoad.PrepareAsync(database, upstream.BaseUrl);
        DurabilityLoad load;
        await using (var first = await AppProcess.StartAsync(database, settings))
        {
            load = new DurabilityLoad(first.BaseAddress, key);
            using var stop = new CancellationTokenSource();
            var clients = load.RunAsync(16, stop.Token, failuresExpected: true);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (load.Answered.Count < 500 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.True(load.Answered.Count >= 500, $"only {load.Answered.Count} calls answered before the deadline:\n{first.Output}");

            await first.KillAsync();
            await stop.CancelAsync();
            await clients;
        }
        Assert.Empty(load.Failures);
        // Some answered calls were still only in memory (and the journal) when the process died: the restart must find them.
        var storedAtKill = await DurabilityLoad.StoredRequestIdsAsync(database);
        Assert.NotEmpty(load.Answered.Except(storedAtKill));
        Assert.NotEmpty(Directory.GetFiles(journal, "segment-*.jsonl"));

        await using var second = await AppProcess.StartAsync(database, settings);
        await load.AssertEveryAnsweredCallStoredOnceAsync(database, drained: () => Directory.GetFiles(journal, "*.jsonl").Length == 0);
        await second.StopAsync();
    }
}
