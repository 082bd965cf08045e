using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Budgets;

public sealed class PostgresBudgetEvaluationTests(PostgresUsageDatabaseFixture fixture) : IClassFixture<PostgresUsageDatabaseFixture>
{
    private readonly BudgetEvaluationScenarios scenarios = new(fixture);

    [RequiresPostgresFact]
    public Task EachThreshold_FiresOncePerPeriod_AndAgainInTheNext() => scenarios.EachThreshold_FiresOncePerPeriod_AndAgainInTheNext();

    [RequiresPostgresFact]
    public Task RacingEvaluations_RaiseEachAlertOnce() => scenarios.RacingEvaluations_RaiseEachAlertOnce();

    [RequiresPostgresFact]
    public Task ScopedSpend_TranslatesPatternsAndAlternatives() => scenarios.ScopedSpend_TranslatesPatternsAndAlternatives();

    [RequiresPostgresFact]
    public Task EvaluateAll_RaisesWhatEachBudgetOwes_Once() => scenarios.EvaluateAll_RaisesWhatEachBudgetOwes_Once();

    [RequiresPostgresFact]
    public Task EvaluateAll_ABudgetThatCannotBeRead_FailsAlone() => scenarios.EvaluateAll_ABudgetThatCannotBeRead_FailsAlone();
}
