using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Telemetry;

/// <summary>
/// The Telemetry pages in a browser: the menu entry, a new connection with its key shown once, and the received
/// batches, which the grid reads from the database once the page is interactive.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class TelemetryPagesBrowserTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task MenuEntry_Telemetry_OpensTelemetryConnections()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/");

        await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Telemetry").ClickAsync();

        await page.Page.GetByRole(AriaRole.Heading, new() { Name = "Telemetry connections", Level = 1 }).WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task NewConnection_ValidName_ShowsKeyOnceThenListsConnection()
    {
        var name = PortalNames.Unique("claude team");
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/telemetry");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "New connection" }).First.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create connection" }).ClickAsync();
        await page.Page.GetByText($"Connection \"{name}\" created: copy the key now").WaitForAsync();
        var key = await page.Page.GetByLabel("Ingest key", new() { Exact = true }).InputValueAsync();
        await page.ScreenshotAsync("key-shown-once");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Done, I have copied the key" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).WaitForAsync();
        Assert.StartsWith("ss_live_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await page.Page.ContentAsync(), StringComparison.Ordinal);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task ConnectionDetail_AcceptedAndRejectedBatches_ListedInTheGrid()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        CreatedTelemetryConnection created;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>()
                .CreateAsync(tenant.Id, PortalNames.Unique("batches team"), TelemetrySource.ClaudeCode, "tests", CancellationToken.None);
        }
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(created, OtlpPayloads.ApiRequest("req_browser_batch")));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(created, "{\"resourceLogs\": 5}"u8.ToArray()));
        await using var session = await fixture.SignInAsync();

        var page = await session.OpenAsync($"/telemetry/{created.Connection.Id:D}");

        var grid = page.Page.GetByLabel("Received batches");
        await grid.GetByText("Page 1 of 1 (2 batches)").WaitForAsync();
        await grid.GetByText("accepted", new() { Exact = true }).WaitForAsync();
        await grid.GetByText("rejected", new() { Exact = true }).WaitForAsync();
        Assert.Equal(2, await grid.GetByText("application/json").CountAsync());
        await page.ScreenshotAsync("batches");
        page.AssertNoBrowserErrors();
    }

    /// <summary>Posts OTLP logs to the connection's ingest endpoint as Claude Code would.</summary>
    private async Task<HttpStatusCode> PostAsync(CreatedTelemetryConnection connection, byte[] body)
    {
        using var client = fixture.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{connection.EndpointPath}/v1/logs") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.FullKey);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
