using SpendOps.Tests.Core.Data;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

public sealed class PostgresBudgetConcurrencyTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [RequiresPostgresFact]
    public Task ConcurrentStreams_OverspendAtMostOneCallsMaximumCost() =>
        BudgetConcurrencyScenarios.ConcurrentStreams_OverspendAtMostOneCallsMaximumCostAsync([fixture.App], fixture.Upstream);

    /// <summary>Two instances on one PostgreSQL, the calls alternating between them: the same bound holds for both together.</summary>
    [RequiresPostgresFact]
    public async Task TwoInstances_ConcurrentStreams_OverspendAtMostOneCallsMaximumCost()
    {
        await using var second = new SpendOpsAppFactory(fixture.Database, fixture.Upstream.BaseUrl).Start();
        await BudgetConcurrencyScenarios.ConcurrentStreams_OverspendAtMostOneCallsMaximumCostAsync([fixture.App, second], fixture.Upstream);
    }
}
