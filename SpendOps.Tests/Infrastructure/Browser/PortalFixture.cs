using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using SpendOps.Core.Tenancy;

namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>
/// The started SpendOps host of <see cref="ProxyFixture"/> (real port, database, fake provider) plus one headless
/// Chromium for all tests of a class. The browser starts on first use, so a machine without Chromium can still
/// construct the fixture and skip the tests (<see cref="RequiresChromiumFactAttribute"/>).
/// </summary>
/// <example>
/// <code>
/// await using var session = await fixture.SignInAsync();           // the bootstrap admin
/// var page = await session.OpenAsync("/keys");                       // waits for the Blazor circuit
/// await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
/// page.AssertNoBrowserErrors();                                      // screenshots land in TestArtifacts.ScreenshotDirectory
/// </code>
/// </example>
public class PortalFixture : ProxyFixture
{
    /// <summary>A laptop screen: every page must work at this size.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    private readonly SemaphoreSlim launch = new(1, 1);
    private readonly ConcurrentDictionary<string, string> storedSignIns = new(StringComparer.OrdinalIgnoreCase);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task<IBrowser> GetBrowserAsync()
    {
        if (browser is not null)
            return browser;
        await launch.WaitAsync();
        try
        {
            playwright ??= await Playwright.CreateAsync();
            return browser ??= await ChromiumLauncher.LaunchAsync(playwright);
        }
        finally
        {
            launch.Release();
        }
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="user"/> (default: the bootstrap admin). The sign-in form is
    /// used once per user; later sessions reuse its stored cookies.
    /// </summary>
    public async Task<PortalSession> SignInAsync(PortalUser? user = null, [CallerMemberName] string test = "")
    {
        user ??= PortalUser.Admin;
        if (!storedSignIns.TryGetValue(user.Email, out var state))
        {
            await using var signIn = await AnonymousAsync("sign-in");
            var page = await signIn.OpenAsync("/Account/Login", interactive: false);
            await SubmitLoginAsync(page.Page, user);
            await page.Page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await page.WaitForInteractiveAsync();
            page.AssertNoBrowserErrors();
            state = await signIn.Context.StorageStateAsync();
            storedSignIns[user.Email] = state;
        }
        return await NewSessionAsync(state, $"{test}.{user.Email.Split('@')[0]}");
    }

    /// <summary>A browser context that is not signed in (for the sign-in page itself).</summary>
    public Task<PortalSession> AnonymousAsync([CallerMemberName] string test = "") => NewSessionAsync(null, $"{test}.anonymous");

    /// <summary>Drops a stored sign-in, after a test changed that user's password, role or lockout.</summary>
    public void ForgetSignIn(PortalUser user) => storedSignIns.TryRemove(user.Email, out _);

    /// <summary>Fills and submits the sign-in form on a page showing it.</summary>
    public static async Task SubmitLoginAsync(IPage page, PortalUser user)
    {
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Creates a portal user with a known password in a tenant (created if missing).</summary>
    public async Task<PortalUser> CreateUserAsync(string email, string role, string tenant = "default", string password = "User-Password-1")
    {
        var owner = await EnsureTenantAsync(tenant);
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<TenantUserService>();
        await users.CreateAsync(owner.Id, email, null, role, password, new AdminActor("test", "test", IsGlobalAdmin: true), CancellationToken.None);
        return new PortalUser(email, password);
    }

    public override async Task DisposeAsync()
    {
        if (browser is not null)
            await browser.CloseAsync();
        playwright?.Dispose();
        launch.Dispose();
        await base.DisposeAsync();
    }

    private async Task<PortalSession> NewSessionAsync(string? storageState, string test)
    {
        var context = await (await GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = Laptop,
            StorageState = storageState,
        });
        return new PortalSession(context, test);
    }
}
