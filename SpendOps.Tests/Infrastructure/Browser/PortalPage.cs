using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>
/// One browser tab on the portal. Records console errors and uncaught page errors as they happen, so a test can
/// assert there were none, and saves a screenshot when it is closed (plus any taken on the way).
/// </summary>
public sealed class PortalPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> errors = new();
    private readonly string testName;
    private int screenshots;

    internal PortalPage(IPage page, string testName)
    {
        Page = page;
        this.testName = testName;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Enqueue($"console error at {message.Location}: {message.Text}");
        };
        page.PageError += (_, error) => errors.Enqueue($"page error: {error}");
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                BlazorWebSocketOpened = true;
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors (including failed resource loads) and uncaught exceptions, in order.</summary>
    public IReadOnlyList<string> Errors => errors.ToList();

    /// <summary>The Blazor circuit connected over a WebSocket (not a long-polling fallback).</summary>
    public bool BlazorWebSocketOpened { get; private set; }

    /// <summary>Paths of the screenshots saved so far.</summary>
    public List<string> Screenshots { get; } = [];

    /// <summary>
    /// Opens a portal path. With <paramref name="interactive"/> (every page but the Identity pages) it also waits for the
    /// Blazor circuit: the layout marks itself <c>data-interactive="true"</c> only once the server renders over the
    /// circuit, so buttons work from then on.
    /// </summary>
    public async Task GotoAsync(string path, bool interactive = true)
    {
        await Page.GotoAsync(path.TrimStart('/'));
        if (interactive)
            await WaitForInteractiveAsync();
    }

    public Task WaitForInteractiveAsync() =>
        Page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits until the keyboard focus is inside the open dialog. MudBlazor moves the focus into a dialog one round trip
    /// after the dialog appears (and a closed dialog first hands it back to the page), so a key pressed the moment the
    /// title shows would reach the page behind it.
    /// </summary>
    public Task WaitForFocusInDialogAsync() =>
        Page.WaitForFunctionAsync("() => document.activeElement?.closest('[role=dialog]') != null");

    /// <summary>Saves a full-page screenshot named after the test and <paramref name="step"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var path = TestArtifacts.ScreenshotPath(testName, $"{Interlocked.Increment(ref screenshots):00}-{step}");
        // Animations are finished first, so a dialog is not caught half faded in.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Screenshots.Add(path);
        return path;
    }

    public void AssertNoBrowserErrors() =>
        Assert.True(errors.IsEmpty, "The browser reported errors:\n" + string.Join('\n', errors));

    public async ValueTask DisposeAsync()
    {
        if (!Page.IsClosed)
        {
            await ScreenshotAsync("final");
            await Page.CloseAsync();
        }
    }
}
