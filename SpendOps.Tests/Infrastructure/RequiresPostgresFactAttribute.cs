namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server. Without one it is skipped with a message saying what to install,
/// except in CI, where it runs and fails: CI must never skip.
/// </summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (TestEnvironment.SkipsPostgres)
            Skip = "PostgreSQL not available: install Debian's 'postgresql' package and set SPENDOPS_TEST_POSTGRES (see .ci/run).";
    }
}
