using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// The spend of budgets of several scopes over one seeded March (UTC), budget by budget, every expected sum added up by
/// hand in <see cref="BudgetSpendMarch"/>.
/// </summary>
public sealed class BudgetSpendTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    [Theory]
    [MemberData(nameof(BudgetSpendMarch.Cases), MemberType = typeof(BudgetSpendMarch))]
    public async Task Spend_OfScope_IsTheCostOfRecordInScopeAndPeriod(double expected, int unpriced, string[] scope)
    {
        var tenant = await BudgetSpendMarch.SeedAsync(fixture);
        await using var db = fixture.CreateContext();

        var spend = await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(scope), BudgetSpendMarch.Period, CancellationToken.None);

        Assert.Equal(new BudgetSpend((decimal)expected, unpriced), spend);
    }

    [Fact]
    public async Task Spend_ScopedLikeADashboardFilter_IsTheDashboardsNumber()
    {
        var tenant = await BudgetSpendMarch.SeedAsync(fixture);
        await using var db = fixture.CreateContext();
        var march = BudgetSpendMarch.Period;

        var budget = await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["dim:team=backend"]), march, CancellationToken.None);
        var dashboard = await SpendToDateQuery.CostAsync(db,
            new UsageFilter { Scope = TenantScope.Of(tenant), From = march.Start, To = march.End, Dims = new Dictionary<string, string> { ["team"] = "backend" } }, CancellationToken.None);

        Assert.Equal(15.50m, budget.SpendUsd);
        Assert.Equal(15.50m, dashboard);
    }
}
