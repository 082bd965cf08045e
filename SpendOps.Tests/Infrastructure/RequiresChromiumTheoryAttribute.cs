namespace SpendOps.Tests.Infrastructure;

/// <summary>A browser theory: skipped without Chromium like <see cref="RequiresChromiumFactAttribute"/>, and never in CI.</summary>
public sealed class RequiresChromiumTheoryAttribute : TheoryAttribute
{
    public RequiresChromiumTheoryAttribute()
    {
        Skip = TestEnvironment.ChromiumSkipReason;
    }
}
