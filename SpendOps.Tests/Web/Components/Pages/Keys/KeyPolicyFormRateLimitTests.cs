using Bunit;
using SpendOps.Web.Components.Pages.Keys;

namespace SpendOps.Tests.Web.Components.Pages.Keys;

/// <summary>The key form's two rate-limit fields: empty means the tenant's default, 0 is refused with the service's message.</summary>
public sealed class KeyPolicyFormRateLimitTests : PortalComponentTests
{
    [Fact]
    public async Task Submit_TypedLimits_SavedInThePolicy()
    {
        KeyPolicyInput? saved = null;
        var form = RenderForm(new KeyPolicyInput { Name = "batch" }, i => { saved = i; return Task.FromResult<string?>(null); });

        form.Find("input#key-requests-per-minute").Change("120");
        form.Find("input#key-tokens-per-minute").Change("50000");
        await form.Find("form").SubmitAsync();

        Assert.NotNull(saved);
        Assert.Equal(120, saved.ToPolicy().RequestsPerMinute);
        Assert.Equal(50000, saved.ToPolicy().TokensPerMinute);
    }

    [Fact]
    public async Task Submit_EmptyFields_TakeTheTenantDefault()
    {
        KeyPolicyInput? saved = null;
        var form = RenderForm(new KeyPolicyInput { Name = "default limits" }, i => { saved = i; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        Assert.NotNull(saved);
        Assert.Null(saved.ToPolicy().RequestsPerMinute);
        Assert.Null(saved.ToPolicy().TokensPerMinute);
        Assert.Contains("Empty: the tenant's default.", form.Markup);
    }

    [Fact]
    public async Task Submit_Zero_ShowsTheRuleAndDoesNotSave()
    {
        var saved = false;
        var form = RenderForm(new KeyPolicyInput { Name = "zero" }, _ => { saved = true; return Task.FromResult<string?>(null); });

        form.Find("input#key-tokens-per-minute").Change("0");
        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains(
            "Tokens per minute must be a whole number of at least 1 (leave it empty for the tenant's default); got 0.", form.Find("form").TextContent));
        Assert.False(saved);
    }

    [Fact]
    public void Render_ExistingLimits_ShownInTheFields()
    {
        var form = RenderForm(new KeyPolicyInput { Name = "limited", RequestsPerMinute = 30, TokensPerMinute = 9000 }, _ => Task.FromResult<string?>(null));

        Assert.Equal("30", form.Find("input#key-requests-per-minute").GetAttribute("value"));
        Assert.Equal("9000", form.Find("input#key-tokens-per-minute").GetAttribute("value"));
        Assert.Equal("Requests per minute (optional)", form.Find("label[for=key-requests-per-minute]").TextContent.Trim());
    }

    private IRenderedComponent<KeyPolicyForm> RenderForm(KeyPolicyInput input, Func<KeyPolicyInput, Task<string?>> save)
    {
        RenderProviders();
        return Render<KeyPolicyForm>(p => p.Add(f => f.Model, input).Add(f => f.OnSave, save).Add(f => f.SubmitText, "Create key"));
    }
}
