using System.Net;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// PostgreSQL goes away for a minute under load (every connection reset, new ones refused) and comes back: the proxy
/// answers every call meanwhile, and once the database is back every answered call is stored, once.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private FakeUpstream upstream = null!;
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        upstream.Handler = DurabilityLoad.Provider();
        database = await TestDatabase.PostgresAsync();
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [RequiresPostgresFact]
    public async Task DatabaseDownForAMinuteUnderLoad_NoCallFailsAndEveryAnsweredCallIsStoredOnce()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var address = (await Dns.GetHostAddressesAsync(server.Host!)).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        await using var relay = new TcpRelay(new IPEndPoint(address, server.Port));
        var throughRelay = database.WithConnectionSuffix($";Host=127.0.0.1;Port={relay.Port};Timeout=3");
        await using var app = new SpendOpsAppFactory(throughRelay, upstream.BaseUrl);
        // All clients share one address; the per-address request limit is not what this test is about.
        app.Settings["Limits:RequestsPerClient"] = "1000000";
        var log = new CapturedLog();
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(log);
        app.Start();
        // Modest load, paced: what matters is that it goes on through the outage, not how much of it there is.
        var load = new DurabilityLoad(app.BaseAddress, await DurabilityLoad.CreateKeyAsync(app), TimeSpan.FromMilliseconds(10));
        var metrics = app.Services.GetRequiredService<UsageMetrics>();

        using var stop = new CancellationTokenSource();
        var clients = load.RunAsync(3, stop.Token, failuresExpected: false);
        await WaitUntilAsync(() => load.Answered.Count >= 30);
        relay.Cut();
        load.Phase = "outage";
        await WaitUntilAsync(() => metrics.Failed > 0);
        // The outage lasts a minute of traffic; what is asserted is what clients saw and what is stored afterwards.
        await Task.Delay(TimeSpan.FromSeconds(60));
        var answeredDuringOutage = load.Answered.Count;
        relay.Restore();
        load.Phase = "restored";
        await WaitUntilAsync(() => load.Answered.Count >= answeredDuringOutage + 30);
        await stop.CancelAsync();
        await clients;

        Assert.True(load.Failures.IsEmpty, string.Join("\n", load.Failures.Take(3).Concat(log.Warnings.Where(w => !w.Contains("Npgsql", StringComparison.Ordinal)).Distinct().Take(30))));
        await load.AssertEveryAnsweredCallStoredOnceAsync(database, drained: () => metrics.QueueLength == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(condition(), "the condition was not met within 3 minutes");
    }
}
