using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The Settings page in the browser: an admin sets the time zone and a required dimension, and the proxy enforces it.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SettingsPageTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task SetTimeZoneAndRequiredDimension_SavedAuditedEnforcedAndShownOnKeys()
    {
        // A tenant of its own: a required dimension on the shared tenant would break the other browser tests' calls.
        var tenantName = "settings-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await fixture.CreateUserAsync(PortalNames.Email("settings-admin"), Roles.Admin, tenantName);
        var key = await fixture.CreateKeyAsync(tenant: tenantName);
        await using var session = await fixture.SignInAsync(admin);
        var page = await session.OpenAsync("/settings");

        await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Settings").WaitForAsync();
        await page.Page.GetByLabel("Time zone").FillAsync("tokyo");
        await page.Page.GetByText("Asia/Tokyo").ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Save time zone" }).ClickAsync();
        await page.Page.GetByText("Time zone saved: days and months now start at midnight in Asia/Tokyo.").WaitForAsync();

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add dimension" }).ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Team");
        await dialog.GetByText("Required on every call").ClickAsync();
        await dialog.GetByLabel("Allowed values").FillAsync("backend, web");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save dimension" }).ClickAsync();
        var grid = page.Page.GetByLabel("Dimensions");
        await grid.GetByText("backend, web").WaitForAsync();
        await grid.GetByText("required", new() { Exact = true }).WaitForAsync();
        await page.ScreenshotAsync("settings-with-catalogue");

        var tenant = await fixture.EnsureTenantAsync(tenantName);
        var saved = await fixture.WithDbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id));
        Assert.Equal("Asia/Tokyo", saved.TimeZone);
        var actions = await fixture.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TenantId == tenant.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("tenant.time_zone_changed", actions);
        Assert.Contains("dims.set", actions);
        Assert.Equal(HttpStatusCode.BadRequest, await WaitForStatusAsync(key.FullKey, dims: null, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key.FullKey, "team=web"));

        var keyPage = await session.OpenAsync($"/keys/{key.Key.Id}");
        await keyPage.Page.GetByRole(AriaRole.Note).GetByText("every call needs team").WaitForAsync();
        page.AssertNoBrowserErrors();
        keyPage.AssertNoBrowserErrors();
    }

    private async Task<HttpStatusCode> WaitForStatusAsync(string key, string? dims, HttpStatusCode expected)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = await CallAsync(key, dims)) != expected && deadline.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(50);
        return status;
    }

    private async Task<HttpStatusCode> CallAsync(string key, string? dims)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\",\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        return (await client.SendAsync(request)).StatusCode;
    }
}
