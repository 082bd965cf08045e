using Microsoft.Playwright;

namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>A browser context of its own (cookies, storage), signed in as one user or anonymous, with its pages.</summary>
public sealed class PortalSession : IAsyncDisposable
{
    private readonly List<PortalPage> pages = [];
    private readonly string testName;

    internal PortalSession(IBrowserContext context, string testName)
    {
        Context = context;
        this.testName = testName;
    }

    public IBrowserContext Context { get; }

    /// <summary>Opens a new tab at <paramref name="path"/> and waits for the circuit (see <see cref="PortalPage.GotoAsync"/>).</summary>
    public async Task<PortalPage> OpenAsync(string path, bool interactive = true)
    {
        var page = new PortalPage(await Context.NewPageAsync(), $"{testName}.{pages.Count + 1}");
        pages.Add(page);
        await page.GotoAsync(path, interactive);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in pages)
            await page.DisposeAsync();
        await Context.CloseAsync();
    }
}
