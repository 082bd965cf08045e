using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Budgets;

public sealed class PostgresBudgetSpendBatchTests(PostgresUsageDatabaseFixture fixture) : IClassFixture<PostgresUsageDatabaseFixture>
{
    private readonly BudgetSpendBatchScenarios scenarios = new(fixture);

    [RequiresPostgresFact]
    public Task ListedBudgets_OfEveryScope_SpendTheHandSums_FromRecordsAndFromRollups() => scenarios.ListedBudgets_OfEveryScope_SpendTheHandSums_FromRecordsAndFromRollups();

    [RequiresPostgresFact]
    public Task BudgetsOfTwoTenants_SummedTogether_EachSpendTheirOwnTenantsHandSums() => scenarios.BudgetsOfTwoTenants_SummedTogether_EachSpendTheirOwnTenantsHandSums();

    [RequiresPostgresFact]
    public Task ModelPatterns_InMemory_SelectWhatTheDatabaseSelects() => scenarios.ModelPatterns_InMemory_SelectWhatTheDatabaseSelects();
}
