using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Jobs;

/// <summary>The portal's "Jobs" menu entry leads an admin out of the Blazor app into Hangfire's dashboard.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class JobsMenuTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task Admin_JobsMenuEntry_OpensTheDashboard()
    {
        await using var session = await fixture.SignInAsync();
        var home = await session.OpenAsync("/");

        await home.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Jobs", new() { Exact = true }).ClickAsync();
        // The address is polled rather than waited for as a navigation and its load event: on a busy machine that wait
        // was seen to time out with the dashboard already on screen (the menu navigates through the circuit).
        await Assertions.Expect(home.Page).ToHaveURLAsync(JobsUrl(), new() { Timeout = 30_000 });
        await home.Page.GetByText("SpendOps jobs").First.WaitForAsync();

        Assert.Equal(1, await home.Page.GetByRole(AriaRole.Link, new() { Name = "Recurring Jobs" }).CountAsync());
    }

    [GeneratedRegex("/jobs/?$")]
    private static partial Regex JobsUrl();
}
