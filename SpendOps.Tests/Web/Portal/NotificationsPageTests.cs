using Microsoft.Playwright;
using SpendOps.Core.Alerts;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The delivery log shows each notification's status, attempts and last error, filters by status, and sends tests.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class NotificationsPageTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task Notifications_LogAndTestForm_ShowStatusesFilterAndSendATest()
    {
        await using var receiver = await FakeUpstream.StartAsync();
        var tenant = PortalNames.Unique("notify");
        var admin = await fixture.CreateUserAsync(PortalNames.Email("notify-admin"), Roles.Admin, tenant);
        var tenantId = (await fixture.EnsureTenantAsync(tenant)).Id;
        var at = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        await fixture.WithDbAsync(async db =>
        {
            db.AlertDeliveries.Add(Delivery(tenantId, at, "email:lead@example.com", AlertDeliveryStatus.Sent, 1, null));
            db.AlertDeliveries.Add(Delivery(tenantId, at.AddMinutes(5), "webhook:https://hooks.example.com/spend?token=s3cret", AlertDeliveryStatus.Failed, 6,
                "HTTP 502 Bad Gateway from hooks.example.com."));
            return await db.SaveChangesAsync();
        });
        await using var session = await fixture.SignInAsync(admin);
        var page = await session.OpenAsync("/notifications");
        var grid = page.Page.GetByLabel("Deliveries");

        await grid.GetByText("Page 1 of 1 (2 deliveries)").WaitForAsync();
        await grid.GetByText("HTTP 502 Bad Gateway from hooks.example.com.").WaitForAsync();
        await grid.GetByText("webhook:https://hooks.example.com/…").WaitForAsync();
        Assert.Equal(0, await page.Page.GetByText("s3cret").CountAsync());
        await page.ScreenshotAsync("log");

        await page.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "failed" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Status).GetByText("1 delivery", new() { Exact = true }).WaitForAsync();
        Assert.Equal(0, await grid.GetByText("email:lead@example.com").CountAsync());
        await page.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "sent" }).ClickAsync();
        await grid.GetByText("email:lead@example.com").WaitForAsync();

        await page.Page.GetByLabel("Recipient").FillAsync("not-a-recipient");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await page.Page.GetByText("Invalid recipient 'not-a-recipient': write webhook:URL, slack:URL or email:ADDRESS.").WaitForAsync();
        await page.Page.GetByLabel("Recipient").FillAsync($"slack:{receiver.BaseUrl}/services/T1/B1/token");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await page.Page.GetByText($"Test notification sent to slack:{receiver.BaseUrl}/….").WaitForAsync();
        await page.Page.GetByRole(AriaRole.Status).GetByText("2 deliveries", new() { Exact = true }).WaitForAsync();
        await grid.GetByText("Test notification").WaitForAsync();
        Assert.Single(receiver.Requests);
        page.AssertNoBrowserErrors();
    }

    private static AlertDelivery Delivery(Guid tenantId, DateTimeOffset at, string recipient, AlertDeliveryStatus status, int attempts, string? error) => new()
    {
        TenantId = tenantId,
        AlertId = Guid.NewGuid(),
        Recipient = recipient,
        Channel = AlertRecipient.Parse(recipient).Kind,
        Kind = AlertKind.Threshold,
        BudgetName = "team-backend",
        NoticeJson = "{}",
        Status = status,
        Attempts = attempts,
        NextAttemptAt = at,
        LastError = error,
        SentAt = status == AlertDeliveryStatus.Sent ? at.AddSeconds(1) : null,
        CreatedAt = at,
    };
}
