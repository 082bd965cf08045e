using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>A host that counts key lookups; its per-client limits are set by the subclasses.</summary>
public abstract class CountingFixture : ProxyFixture
{
    public QueryCounter Queries { get; } = new();

    /// <summary>Waits until the key cache refresh has brought in a new key (so its calls count as keyed from the first).</summary>
    public async Task WaitUntilCachedAsync(string keyId)
    {
        var resolver = App.Services.GetRequiredService<ApiKeyResolver>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!resolver.Knows(keyId))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Key {keyId} never reached the key cache.");
            await Task.Delay(20);
        }
    }

    protected override void Configure(SpendOpsAppFactory app)
    {
        app.Settings["Limits:RateWindowSeconds"] = "3600";
        app.TestServices = services => services.ConfigureDbContext<SqliteSpendOpsDbContext>(options => options.AddInterceptors(Queries));
    }
}

/// <summary>Five calls an hour per address without a known key; authenticated calls and the ingest keep the defaults.</summary>
public sealed class UnknownKeyLimitFixture : CountingFixture
{
    public const int Permits = 5;

    protected override void Configure(SpendOpsAppFactory app)
    {
        base.Configure(app);
        app.Settings["Limits:UnauthenticatedRequestsPerClient"] = Permits.ToString();
    }
}

/// <summary>Per-client limits off, so only the unknown-key memory stands between a repeated bad key and the database.</summary>
public sealed class NoClientLimitFixture : CountingFixture
{
    protected override void Configure(SpendOpsAppFactory app)
    {
        base.Configure(app);
        app.Settings["Limits:UnauthenticatedRequestsPerClient"] = "0";
        app.Settings["Limits:RequestsPerClient"] = "0";
    }
}

/// <summary>Two telemetry requests an hour per address.</summary>
public sealed class IngestLimitFixture : ProxyFixture
{
    protected override void Configure(SpendOpsAppFactory app)
    {
        app.Settings["Limits:RateWindowSeconds"] = "3600";
        app.Settings["Limits:IngestRequestsPerClient"] = "2";
    }
}
