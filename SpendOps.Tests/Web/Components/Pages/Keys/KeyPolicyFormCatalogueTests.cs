using Bunit;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Keys;

namespace SpendOps.Tests.Web.Components.Pages.Keys;

/// <summary>The key form shows what every key inherits from the tenant's dimension catalogue, and nothing without one.</summary>
public sealed class KeyPolicyFormCatalogueTests : PortalComponentTests
{
    [Fact]
    public void Render_WithCatalogue_ShowsInheritedRequiredAndAcceptedNames()
    {
        var catalogue = new TenantDimsPolicy([
            new TenantDimension { Name = "user", Required = true },
            new TenantDimension { Name = "team", Required = true, AllowedValues = ["backend"] },
            new TenantDimension { Name = "env" },
        ]);

        var form = RenderForm(catalogue);

        Assert.Equal("From the tenant's catalogue (Settings): every call needs team, user; only env, team, user are accepted. This key can narrow that, not widen it.",
            System.Text.RegularExpressions.Regex.Replace(form.Find("[role=note]").TextContent, @"\s+", " ").Trim());
    }

    [Fact]
    public void Render_EmptyCatalogue_ShowsNoInheritedLine()
    {
        var form = RenderForm(TenantDimsPolicy.Empty);

        Assert.Empty(form.FindAll("[role=note]"));
    }

    private IRenderedComponent<KeyPolicyForm> RenderForm(TenantDimsPolicy catalogue)
    {
        RenderProviders();
        return Render<KeyPolicyForm>(p => p.Add(f => f.Model, new KeyPolicyInput()).Add(f => f.OnSave, _ => Task.FromResult<string?>(null)).Add(f => f.TenantDims, catalogue));
    }
}
