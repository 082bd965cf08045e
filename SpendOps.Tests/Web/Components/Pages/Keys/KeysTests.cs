using Bunit;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using KeysPage = SpendOps.Web.Components.Pages.Keys.Keys;

namespace SpendOps.Tests.Web.Components.Pages.Keys;

/// <summary>The key list: an empty tenant is told how to start; a tenant sees only its own keys, each with its actions.</summary>
public sealed class KeysTests : PortalComponentTests
{
    [Fact]
    public void Render_NoKeys_OffersTheFirstKey()
    {
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<KeysPage>();

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Markup));
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Create your first key");
    }

    [Fact]
    public async Task Render_KeysOfTwoTenants_ListsOnlyOwnWithActions()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            db.ApiKeys.Add(Key(Tenant.Id, "own-key", "ownkey000001"));
            db.ApiKeys.Add(Key(other.Id, "foreign-key", "foreign00001"));
            await db.SaveChangesAsync();
        }
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<KeysPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("a[aria-label='Edit key own-key']")));
        Assert.DoesNotContain("foreign-key", page.Markup);
        Assert.NotNull(page.Find("button[aria-label='Disable key own-key']"));
        Assert.NotNull(page.Find("button[aria-label='Rotate key own-key']"));
    }

    private static ApiKey Key(Guid tenantId, string name, string id) => new()
    {
        Id = id,
        TenantId = tenantId,
        Name = name,
        SecretHash = "not-a-real-hash",
        SecretHint = "abcd",
    };
}
