using Bunit;
using SpendOps.Web.Components.Pages.Keys;

namespace SpendOps.Tests.Web.Components.Pages.Keys;

/// <summary>The key policy form checks a key's rules inline, with the service's messages, and saves only a valid form.</summary>
public sealed class KeyPolicyFormTests : PortalComponentTests
{
    [Fact]
    public void Render_NameField_HasTheIdKeyboardUsersLandOn()
    {
        var form = RenderForm(new KeyPolicyInput(), _ => Task.FromResult<string?>(null));

        Assert.Equal("Key name", form.Find("label[for=key-name]").TextContent.Trim());
        Assert.NotNull(form.Find("input#key-name"));
    }

    [Fact]
    public async Task Submit_EmptyName_ShowsNameMessageAndDoesNotSave()
    {
        var saved = false;
        var form = RenderForm(new KeyPolicyInput(), _ => { saved = true; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("Give the key a name, e.g. the team or app that uses it.", form.Markup));
        Assert.False(saved);
    }

    [Fact]
    public async Task Submit_InvalidPatternAndDimensions_ShowsEachMessageAndDoesNotSave()
    {
        var saved = false;
        var input = new KeyPolicyInput { Name = "bad", Models = "gpt 4", RequiredDims = "user", AllowedDims = "team" };
        var form = RenderForm(input, _ => { saved = true; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("Invalid model pattern 'gpt 4'", form.Find("form").TextContent));
        Assert.Contains("Required dimension 'user' is not in the allowed dimension names.", form.Find("form").TextContent);
        Assert.False(saved);
    }

    [Fact]
    public async Task Submit_ServiceRefuses_ShowsItsMessage()
    {
        var form = RenderForm(new KeyPolicyInput { Name = "taken" }, _ => Task.FromResult<string?>("A key named 'taken' already exists."));

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("already exists.", form.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task Submit_ValidForm_SavesTheInput()
    {
        KeyPolicyInput? saved = null;
        var form = RenderForm(new KeyPolicyInput { Name = "backend", Models = "gpt-4.1*" }, i => { saved = i; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        Assert.Equal("backend", saved?.Name);
        Assert.Empty(form.FindAll("[role=alert]"));
    }

    private IRenderedComponent<KeyPolicyForm> RenderForm(KeyPolicyInput input, Func<KeyPolicyInput, Task<string?>> save)
    {
        RenderProviders();
        return Render<KeyPolicyForm>(p => p.Add(f => f.Model, input).Add(f => f.OnSave, save).Add(f => f.SubmitText, "Create key"));
    }
}
