using Microsoft.Playwright;

namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>
/// Starts Debian's Chromium through Playwright's bundled driver (which works offline). Playwright's own browser
/// download (<c>playwright install</c>) is never used: the registry machines cannot reach it.
/// </summary>
internal static class ChromiumLauncher
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var path = TestEnvironment.ChromiumPath
            ?? throw new InvalidOperationException("Chromium not found: install Debian's 'chromium' package (apt-get install -y chromium) or set SPENDOPS_TEST_CHROMIUM to a Chromium binary.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = Arguments,
        });
    }
}
