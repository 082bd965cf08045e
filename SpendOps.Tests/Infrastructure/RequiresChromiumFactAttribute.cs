namespace SpendOps.Tests.Infrastructure;

/// <summary>A browser test. Skipped without Chromium (apt-get install -y chromium), except in CI, where it must run.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (TestEnvironment.ChromiumPath is null && !TestEnvironment.IsCi)
            Skip = "Chromium not found: install Debian's 'chromium' package (apt-get install -y chromium) or set SPENDOPS_TEST_CHROMIUM.";
    }
}
