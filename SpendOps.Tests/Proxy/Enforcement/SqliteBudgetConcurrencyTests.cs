using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

public sealed class SqliteBudgetConcurrencyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public Task ConcurrentStreams_OverspendAtMostOneCallsMaximumCost() =>
        BudgetConcurrencyScenarios.ConcurrentStreams_OverspendAtMostOneCallsMaximumCostAsync([fixture.App], fixture.Upstream);
}
