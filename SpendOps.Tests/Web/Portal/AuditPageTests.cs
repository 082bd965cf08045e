using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpendOps.Core.Audit;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The audit log pages through the database 25 entries at a time and filters by action and date.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AuditPageTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task AuditLog_ManyEntries_PagesAndFiltersByActionAndDate()
    {
        var tenant = PortalNames.Unique("audit");
        var admin = await fixture.CreateUserAsync(PortalNames.Email("audit-admin"), Roles.Admin, tenant);
        var tenantId = (await fixture.EnsureTenantAsync(tenant)).Id;
        await fixture.WithDbAsync(async db =>
        {
            for (var i = 0; i < 50; i++)
                db.AuditEntries.Add(Entry(tenantId, new DateTimeOffset(2026, 1, 15, 8, i, 0, TimeSpan.Zero), "test.bulk", $"bulk-{i:00}"));
            for (var i = 0; i < 3; i++)
                db.AuditEntries.Add(Entry(tenantId, new DateTimeOffset(2026, 3, 10, 9, i, 0, TimeSpan.Zero), "key.rotated", $"rotated-{i}"));
            return await db.SaveChangesAsync();
        });
        await using var session = await fixture.SignInAsync(admin);
        var page = await session.OpenAsync("/audit");
        var grid = page.Page.GetByLabel("Audit entries");

        // 50 + 3 + tenant.created + user.created.
        await grid.GetByText("Page 1 of 3 (55 entries)").WaitForAsync();
        await grid.GetByText("rotated-2").WaitForAsync();
        await page.ScreenshotAsync("first-page");
        await grid.GetByLabel(new Regex("next page", RegexOptions.IgnoreCase)).ClickAsync();
        await grid.GetByText("Page 2 of 3 (55 entries)").WaitForAsync();
        await grid.GetByText("bulk-27").WaitForAsync();
        Assert.Equal(0, await grid.GetByText("rotated-2").CountAsync());

        await page.Page.GetByRole(AriaRole.Combobox, new() { Name = "Action" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "key.rotated" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Status).GetByText("3 entries", new() { Exact = true }).WaitForAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await grid.GetByText("Page 1 of 3 (55 entries)").WaitForAsync();

        await page.Page.GetByLabel("From (UTC)").FillAsync("2026-03-01");
        await page.Page.GetByLabel("From (UTC)").PressAsync("Enter");
        await page.Page.GetByLabel("To (UTC, inclusive)").FillAsync("2026-03-10");
        await page.Page.GetByLabel("To (UTC, inclusive)").PressAsync("Enter");
        await page.Page.GetByRole(AriaRole.Status).GetByText("3 entries", new() { Exact = true }).WaitForAsync();
        Assert.Equal(3, await grid.GetByText("key.rotated").CountAsync());
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task AuditLog_FilterMatchesNothing_EmptyStateSaysWhatToDo()
    {
        var admin = await fixture.CreateUserAsync(PortalNames.Email("audit-empty"), Roles.Admin, PortalNames.Unique("audit-empty"));
        await using var session = await fixture.SignInAsync(admin);
        var page = await session.OpenAsync("/audit");

        await page.Page.GetByLabel("From (UTC)").FillAsync("2020-01-01");
        await page.Page.GetByLabel("From (UTC)").PressAsync("Enter");
        await page.Page.GetByLabel("To (UTC, inclusive)").FillAsync("2020-01-02");
        await page.Page.GetByLabel("To (UTC, inclusive)").PressAsync("Enter");

        await page.Page.GetByText("No entries match these filters").WaitForAsync();
        await page.Page.GetByText("Widen the dates or clear the filters.").WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    private static AuditEntry Entry(Guid tenantId, DateTimeOffset at, string action, string entityId) => new()
    {
        TenantId = tenantId,
        At = at,
        Actor = "seed",
        Action = action,
        EntityType = "test",
        EntityId = entityId,
    };
}
