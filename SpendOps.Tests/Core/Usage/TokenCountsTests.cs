using System.Globalization;
using System.Reflection;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

public sealed class TokenCountsTests
{
    private static readonly PropertyInfo[] Counters = typeof(TokenCounts).GetProperties().Where(p => p.CanWrite).ToArray();

    public static TheoryData<string> CountersOtherThanReasoning() =>
        [.. Counters.Select(p => p.Name).Where(name => name != nameof(TokenCounts.ReasoningTokens))];

    [Fact]
    public void HasAny_NoCounterSet_IsFalse() => Assert.False(new TokenCounts().HasAny);

    [Theory]
    [MemberData(nameof(CountersOtherThanReasoning))]
    public void HasAny_OneCounterSet_IsTrue(string counter)
    {
        var tokens = new TokenCounts();
        Set(tokens, counter, 1);

        Assert.True(tokens.HasAny);
    }

    [Fact]
    public void HasAny_OnlyReasoningSet_IsFalse() => Assert.False(new TokenCounts { ReasoningTokens = 1 }.HasAny);

    [Fact]
    public void Copy_EveryCounterSet_IsEqualAndIndependent()
    {
        var tokens = EveryCounterSet();

        var copy = tokens.Copy();
        tokens.InputTokens = 1000;

        Assert.Equivalent(EveryCounterSet(), copy, strict: true);
    }

    [Fact]
    public void PromptTokens_InputCacheReadsAndWrites_AreAddedOnce()
    {
        var tokens = new TokenCounts { InputTokens = 1, CacheReadTokens = 20, CacheWrite5mTokens = 300, CacheWrite1hTokens = 4000, AudioInputTokens = 50_000 };

        Assert.Equal(4300, tokens.CacheWriteTokens);
        Assert.Equal(4321, tokens.PromptTokens);
    }

    private static TokenCounts EveryCounterSet()
    {
        var tokens = new TokenCounts();
        for (var i = 0; i < Counters.Length; i++)
            Set(tokens, Counters[i].Name, i + 1);
        return tokens;
    }

    private static void Set(TokenCounts tokens, string counter, long value)
    {
        var property = typeof(TokenCounts).GetProperty(counter)!;
        property.SetValue(tokens, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
    }
}
