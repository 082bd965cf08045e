namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A test that needs a SQL Server (<c>SPENDOPS_TEST_SQLSERVER</c>). Without one it is skipped; its class carries
/// <c>[Trait("Database", "SqlServer")]</c> so that CI, which has no SQL Server and may not skip, filters it out instead.
/// </summary>
public sealed class RequiresSqlServerFactAttribute : FactAttribute
{
    public RequiresSqlServerFactAttribute()
    {
        if (TestEnvironment.SkipsSqlServer)
            Skip = "SQL Server not available: set SPENDOPS_TEST_SQLSERVER to a server's connection string (none can run on the project's machines).";
    }
}
