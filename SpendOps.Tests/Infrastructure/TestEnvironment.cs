namespace SpendOps.Tests.Infrastructure;

/// <summary>What the machine running the tests has. In CI (<c>CI=true</c>) nothing may be skipped.</summary>
internal static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A PostgreSQL server for tests, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c> (set by <c>.ci/run</c>).</summary>
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("SPENDOPS_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>True when PostgreSQL tests are skipped: no server configured, outside CI (where they must run and fail).</summary>
    public static bool SkipsPostgres => PostgresConnectionString is null && !IsCi;

    /// <summary>
    /// A SQL Server for tests, e.g. <c>Server=127.0.0.1,1433;User Id=sa;Password=...;TrustServerCertificate=true</c>.
    /// None can run on the project's machines, so CI leaves it unset and filters these tests out
    /// (<c>Database!=SqlServer</c>) instead of skipping them.
    /// </summary>
    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable("SPENDOPS_TEST_SQLSERVER") is { Length: > 0 } cs ? cs : null;

    /// <summary>True when SQL Server tests are skipped: no server configured.</summary>
    public static bool SkipsSqlServer => SqlServerConnectionString is null;

    /// <summary>Why browser tests are skipped here, or null when they run (always in CI, where they must).</summary>
    public static string? ChromiumSkipReason => ChromiumPath is null && !IsCi
        ? "Chromium not found: install Debian's 'chromium' package (apt-get install -y chromium) or set SPENDOPS_TEST_CHROMIUM."
        : null;

    public static string? ChromiumPath =>
        Environment.GetEnvironmentVariable("SPENDOPS_TEST_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : null;

    /// <summary>The key hash secret of every test host and command-line run, so keys made by one work on the others.</summary>
    public const string KeyHashSecret = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    public static string TempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "spendops-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
