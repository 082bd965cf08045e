namespace SpendOps.Tests.Infrastructure;

/// <summary>A browser test. Skipped without Chromium (apt-get install -y chromium), except in CI, where it must run.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        Skip = TestEnvironment.ChromiumSkipReason;
    }
}
