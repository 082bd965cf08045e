using SpendOps.Core;
using SpendOps.Core.Budgets;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>What the service refuses, with the message the CLI and the portal show.</summary>
public sealed class BudgetValidatorTests
{
    [Theory]
    [InlineData("", 10, "50,80,100", "Budget name must be 1 to 100 characters.")]
    [InlineData("b", 0, "50", "Budget amount must be more than $0 and at most $1,000,000,000.")]
    [InlineData("b", 1000000001, "50", "Budget amount must be more than $0 and at most $1,000,000,000.")]
    [InlineData("b", 10.001, "50", "Budget amount must be in dollars and cents (at most two decimals), e.g. 500 or 49.99.")]
    [InlineData("b", 10, "", "A budget needs at least one threshold, e.g. 50,80,100.")]
    [InlineData("b", 10, "0,50", "Thresholds are whole percentages from 1 to 1000, e.g. 50,80,100.")]
    [InlineData("b", 10, "50,1001", "Thresholds are whole percentages from 1 to 1000, e.g. 50,80,100.")]
    [InlineData("b", 10, "1,2,3,4,5,6,7,8,9,10,11", "A budget has at most 10 thresholds.")]
    public void Normalize_Invalid_SaysWhatToFix(string name, double amount, string thresholds, string message)
    {
        var definition = new BudgetDefinition(name, (decimal)amount, BudgetPeriodKind.Month, null, BudgetScope.Tenant,
            BudgetValidator.ParseThresholds(thresholds), BudgetAction.AlertOnly, []);

        Assert.Equal(message, Assert.Throws<DomainException>(() => BudgetValidator.Normalize(definition)).Message);
    }

    [Fact]
    public void Normalize_Valid_TrimsSortsAndDropsDuplicates()
    {
        var definition = new BudgetDefinition("  team backend ", 500m, BudgetPeriodKind.Rolling, 30,
            BudgetScopeTerms.Parse(["DIM:Team=backend", "dim:team=backend", "provider:OpenAI", "source:telemetry", "source:proxy"]),
            [100, 80, 80], BudgetAction.Block, [" email:lead@example.com", "email:lead@example.com"]);

        var normalized = BudgetValidator.Normalize(definition);

        Assert.Equal("team backend", normalized.Name);
        Assert.Equal([80, 100], normalized.Thresholds);
        Assert.Equal(["dim:team=backend", "provider:openai", "source:proxy", "source:telemetry"], normalized.Scope.ToTerms());
        Assert.Equal(["email:lead@example.com"], normalized.Recipients);
        Assert.Equal(30, normalized.RollingDays);
    }

    [Theory]
    [InlineData("team=backend", "Invalid scope 'team=backend': write key:ID, dim:NAME=VALUE, provider:P, model:PATTERN, source:proxy or source:telemetry.")]
    [InlineData("key:", "Invalid scope 'key:': write key:ID, dim:NAME=VALUE, provider:P, model:PATTERN, source:proxy or source:telemetry.")]
    [InlineData("dim:team", "Invalid scope 'dim:team': write dim:NAME=VALUE, e.g. dim:team=backend (names: letters, digits, '_', '-', '.').")]
    [InlineData("dim:te am=x", "Invalid scope 'dim:te am=x': write dim:NAME=VALUE, e.g. dim:team=backend (names: letters, digits, '_', '-', '.').")]
    [InlineData("model:gpt 4", "Invalid model pattern in scope 'model:gpt 4': use a model name, optionally with * and ?, and no spaces.")]
    [InlineData("source:cli", "Unknown source in scope 'source:cli': write source:proxy or source:telemetry.")]
    public void ParseScope_Invalid_SaysWhatToWrite(string term, string message) =>
        Assert.Equal(message, Assert.Throws<DomainException>(() => BudgetScopeTerms.Parse([term])).Message);
}
