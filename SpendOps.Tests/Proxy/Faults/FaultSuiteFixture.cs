using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// A host for the fault suite on SQLite or PostgreSQL, whose fake provider misbehaves as each call asks
/// (<see cref="FaultSuiteUpstream"/>). The idle timeout is short so that a stalled provider is given up on soon,
/// yet long enough that a busy machine never trips it for a provider that is merely slow.
/// </summary>
public abstract class FaultSuiteFixture(DatabaseKind kind) : ProxyFixture
{
    public const int IdleTimeoutSeconds = 10;

    public sealed class Sqlite() : FaultSuiteFixture(DatabaseKind.Sqlite);

    /// <summary>Without a server (tests skipped, never in CI) it starts nothing.</summary>
    public sealed class Postgres() : FaultSuiteFixture(DatabaseKind.Postgres);

    public FaultSuiteUpstream Faults { get; } = new();

    protected override bool DatabaseAvailable => OnDatabaseAttribute.SkipReason(kind) is null;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(kind);

    protected override void Configure(SpendOpsAppFactory app) =>
        app.Settings["Proxy:UpstreamIdleTimeoutSeconds"] = IdleTimeoutSeconds.ToString();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (DatabaseAvailable)
            Upstream.Handler = Faults.HandleAsync;
    }
}
