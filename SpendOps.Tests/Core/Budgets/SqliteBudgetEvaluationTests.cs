using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

public sealed class SqliteBudgetEvaluationTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private readonly BudgetEvaluationScenarios scenarios = new(fixture);

    [Fact]
    public Task EachThreshold_FiresOncePerPeriod_AndAgainInTheNext() => scenarios.EachThreshold_FiresOncePerPeriod_AndAgainInTheNext();

    [Fact]
    public Task PausedBudget_RaisesNothing() => scenarios.PausedBudget_RaisesNothing();

    [Fact]
    public Task RacingEvaluations_RaiseEachAlertOnce() => scenarios.RacingEvaluations_RaiseEachAlertOnce();

    [Fact]
    public Task ScopedSpend_TranslatesPatternsAndAlternatives() => scenarios.ScopedSpend_TranslatesPatternsAndAlternatives();

    [Fact]
    public Task EvaluateAll_RaisesWhatEachBudgetOwes_Once() => scenarios.EvaluateAll_RaisesWhatEachBudgetOwes_Once();

    [Fact]
    public Task EvaluateAll_ABudgetThatCannotBeRead_FailsAlone() => scenarios.EvaluateAll_ABudgetThatCannotBeRead_FailsAlone();
}
