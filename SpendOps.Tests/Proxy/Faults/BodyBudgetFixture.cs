using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>Room for 10,000 bytes of request bodies in memory at once.</summary>
public sealed class BodyBudgetFixture : ProxyFixture
{
    public const int Budget = 10_000;

    protected override void Configure(SpendOpsAppFactory app) => app.Settings["Limits:BufferedRequestBytes"] = Budget.ToString();
}
