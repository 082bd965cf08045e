namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>
/// Where browser tests leave screenshots: <c>SPENDOPS_TEST_ARTIFACTS</c> if set, else
/// <c>TestResults/screenshots/</c> under the test output folder (<c>SpendOps.Tests/bin/Debug/net10.0/</c>).
/// </summary>
public static class TestArtifacts
{
    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SPENDOPS_TEST_ARTIFACTS") is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    /// <summary>A file name that is safe on every file system, from a test and step name.</summary>
    public static string ScreenshotPath(string test, string step)
    {
        var name = string.Concat($"{test}.{step}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        Directory.CreateDirectory(ScreenshotDirectory);
        return Path.Combine(ScreenshotDirectory, name + ".png");
    }
}
