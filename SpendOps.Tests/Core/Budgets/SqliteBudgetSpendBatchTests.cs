using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

public sealed class SqliteBudgetSpendBatchTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private readonly BudgetSpendBatchScenarios scenarios = new(fixture);

    [Fact]
    public Task ListedBudgets_OfEveryScope_SpendTheHandSums_FromRecordsAndFromRollups() => scenarios.ListedBudgets_OfEveryScope_SpendTheHandSums_FromRecordsAndFromRollups();

    [Fact]
    public Task BudgetsOfTwoTenants_SummedTogether_EachSpendTheirOwnTenantsHandSums() => scenarios.BudgetsOfTwoTenants_SummedTogether_EachSpendTheirOwnTenantsHandSums();

    [Fact]
    public Task ModelPatterns_InMemory_SelectWhatTheDatabaseSelects() => scenarios.ModelPatterns_InMemory_SelectWhatTheDatabaseSelects();
}
