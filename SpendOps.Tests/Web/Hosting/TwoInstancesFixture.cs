using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// Two app instances, A and B, each on its own loopback port, over one PostgreSQL database, as behind a load balancer:
/// the same key hash secret and sign-in key secret (<see cref="SpendOpsAppFactory"/> gives every host the same ones),
/// each with its own data folder, both running the background jobs with short schedules, and the key caches on the
/// shipped refresh interval.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public FakeUpstream Upstream { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public SpendOpsAppFactory A { get; private set; } = null!;
    public SpendOpsAppFactory B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.SkipsPostgres)
            return;
        Upstream = await FakeUpstream.StartAsync();
        Database = await TestDatabase.PostgresAsync();
        A = Start(Database, Upstream, jobs: true);
        B = Start(Database, Upstream, jobs: true);
    }

    public static SpendOpsAppFactory Start(TestDatabase database, FakeUpstream upstream, bool jobs)
    {
        var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Proxy:KeyCacheRefreshSeconds"] = "2";
        app.Settings["Jobs:Enabled"] = jobs ? "true" : "false";
        app.Settings["Jobs:Pricing:IntervalSeconds"] = "1";
        app.Settings["Jobs:Budgets:IntervalSeconds"] = "1";
        return app.Start();
    }

    public async Task DisposeAsync()
    {
        if (TestEnvironment.SkipsPostgres)
            return;
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Upstream.DisposeAsync();
        await Database.DisposeAsync();
    }
}
