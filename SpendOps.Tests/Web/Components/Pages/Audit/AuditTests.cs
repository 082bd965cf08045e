using Bunit;
using SpendOps.Core.Audit;
using SpendOps.Core.Tenancy;
using AuditPage = SpendOps.Web.Components.Pages.Audit.Audit;

namespace SpendOps.Tests.Web.Components.Pages.Audit;

/// <summary>The audit page's grid: server-side pages of 25, the empty states, and only the signed-in user's tenant.</summary>
public sealed class AuditTests : PortalComponentTests
{
    [Fact]
    public void Render_NoEntries_SaysNothingIsRecordedYet()
    {
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing recorded yet", page.Markup));
        page.WaitForAssertion(() => Assert.Equal("0 entries", page.Find("[role=status].match-count").TextContent));
    }

    [Fact]
    public async Task Render_ThirtyEntries_FirstPageOfTwoNewestFirst()
    {
        await SeedAsync(Tenant.Id, 30);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Page 1 of 2 (30 entries)", page.Markup));
        Assert.Contains("entry-29", page.Markup);
        Assert.DoesNotContain("entry-04", page.Markup);
    }

    [Fact]
    public async Task NextPage_ThirtyEntries_ShowsTheOlderFive()
    {
        await SeedAsync(Tenant.Id, 30);
        SignIn(Roles.Admin);
        RenderProviders();
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Contains("Page 1 of 2", page.Markup));

        await page.Find("button[aria-label='Next page']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Page 2 of 2 (30 entries)", page.Markup));
        Assert.Contains("entry-04", page.Markup);
        Assert.DoesNotContain("entry-29", page.Markup);
    }

    [Fact]
    public async Task Render_EntriesOfAnotherTenant_NotShown()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
        }
        await SeedAsync(other.Id, 3);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing recorded yet", page.Markup));
        Assert.DoesNotContain("entry-00", page.Markup);
    }

    private async Task SeedAsync(Guid tenantId, int count)
    {
        await using var db = CreateContext();
        for (var i = 0; i < count; i++)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                TenantId = tenantId,
                At = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i),
                Actor = "seed",
                Action = "test.seeded",
                EntityType = "test",
                EntityId = $"entry-{i:00}",
            });
        }
        await db.SaveChangesAsync();
    }
}
