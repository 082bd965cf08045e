using SpendOps.Core.Budgets;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// Model patterns matched in memory as SQL LIKE matches them (<see cref="ModelLikeMatch"/>); the agreement with each
/// database is in <see cref="BudgetSpendBatchScenarios.ModelPatterns_InMemory_SelectWhatTheDatabaseSelects"/>.
/// </summary>
public sealed class ModelLikeMatchTests
{
    [Theory]
    // LIKE's own wildcards in a pattern are literals.
    [InlineData("gpt_4", "gpt_4", true)]
    [InlineData("gpt_4", "gptx4", false)]
    [InlineData("100%", "100%", true)]
    [InlineData("100%", "1000", false)]
    [InlineData("a\\b", "a\\b", true)]
    [InlineData("a\\b", "ab", false)]
    [InlineData("*\\*", "a\\\\b", true)]
    // '?' is exactly one character (an emoji is one), '*' any run, the pattern's case does not matter.
    [InlineData("claude-opus-4-?", "claude-opus-4-1", true)]
    [InlineData("claude-opus-4-?", "claude-opus-4-10", false)]
    [InlineData("CLAUDE-*", "claude-sonnet-4-5", true)]
    [InlineData("x?y", "x😀y", true)]
    [InlineData("x?y", "xy", false)]
    [InlineData("?", "", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axbybzc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("*-4-?", "claude-opus-4-1", true)]
    public void Matches_LowerCasedModel_AsLikeDoes(string pattern, string model, bool expected)
    {
        Assert.Equal(expected, new ModelLikeMatch([pattern]).Matches(model, null));
        Assert.Equal(expected, new ModelLikeMatch([pattern]).Matches(null, model));
    }

    [Fact]
    public void Matches_NoPattern_MatchesEverything_AndNoModelMatchesNothing()
    {
        Assert.True(new ModelLikeMatch([]).Matches(null, null));
        Assert.False(new ModelLikeMatch(["*"]).Matches(null, null));
        Assert.True(new ModelLikeMatch(["gpt-5*", "claude-*"]).Matches(null, "claude-haiku"));
    }

    /// <summary>On ASCII model names the budget's patterns agree with the proxy's allow-list patterns (<see cref="ModelPattern"/>).</summary>
    [Fact]
    public void Matches_AsciiModels_AgreesWithTheProxysModelPattern()
    {
        string[] patterns = ["gpt-4.1", "GPT-4.1*", "gpt-?.?", "*sonnet*", "claude-*-4-?", "?", "*", "gpt_4", "100%", "a\\b", "o1*mini", "*.*.*"];
        string[] models = ["gpt-4.1", "GPT-4.1-2025-04-14", "gpt-4o", "gpt-5.1", "claude-sonnet-4-5", "Claude-Opus-4-1", "o1-mini", "o1mini", "x", "",
            "gpt_4", "gptx4", "100%", "1000", "a\\b", "ab", "v1.2.3"];
        foreach (var pattern in patterns)
        {
            var proxy = new ModelPattern(pattern);
            var budget = new ModelLikeMatch([pattern]);
            foreach (var model in models)
                Assert.True(proxy.Matches(model) == budget.Matches(model.ToLowerInvariant(), null), $"{pattern} against {model}");
        }
    }
}
