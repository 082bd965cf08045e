using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>
/// The pricing job runs every few seconds: on SQLite its read of records waiting for a price must go through the partial
/// index of those records, not walk the table in id order (what SQLite did when the query did not state the index's filter).
/// </summary>
public sealed class PricingIndexTests : IAsyncLifetime
{
    private PricingTestHost host = null!;

    public async Task InitializeAsync() => host = await PricingTestHost.StartAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(PricingStatus.Pending)]
    [InlineData(PricingStatus.Unpriced)]
    public async Task WaitingRecords_AreReadThroughThePricingIndex_InItsOrder(PricingStatus status)
    {
        await using var db = await host.CreateContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = PricingRunner.WaitingBatch(db, status, afterId: 0, batchSize: 500).CreateDbCommand();
        var plan = SqlitePlan.Of(command);

        var steps = string.Join(" | ", plan);
        Assert.True(plan.Count == 1 && plan[0].StartsWith("SEARCH u USING INDEX IX_UsageRecords_PricingStatus_Id (PricingStatus=? AND Id>?)", StringComparison.Ordinal),
            $"plan: {steps}");
    }
}
