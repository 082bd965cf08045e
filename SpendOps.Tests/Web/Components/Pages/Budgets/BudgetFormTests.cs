using Bunit;
using SpendOps.Core.Budgets;
using SpendOps.Web.Components.Pages.Budgets;

namespace SpendOps.Tests.Web.Components.Pages.Budgets;

/// <summary>The budget form shows the service's messages next to the field at fault, and saves only a valid form.</summary>
public sealed class BudgetFormTests : PortalComponentTests
{
    [Fact]
    public async Task Submit_EmptyForm_AsksForNameAndAmountAndDoesNotSave()
    {
        var saved = false;
        var form = RenderForm(new BudgetInput(), _ => { saved = true; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("Give the budget a name.", form.Markup));
        Assert.Contains("Enter an amount in USD.", form.Markup);
        Assert.False(saved);
    }

    [Fact]
    public async Task Submit_BadScopeThresholdsAndRecipient_ShowsEachMessageAndDoesNotSave()
    {
        var saved = false;
        var input = new BudgetInput { Name = "backend", AmountUsd = 500m, Scope = "team=backend", Thresholds = "80, 1200", Recipients = "lead@example.com" };
        var form = RenderForm(input, _ => { saved = true; return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("Invalid scope 'team=backend': write key:ID, dim:NAME=VALUE", form.Find("form").TextContent));
        Assert.Contains("Thresholds are whole percentages from 1 to 1000, e.g. 50,80,100.", form.Find("form").TextContent);
        Assert.Contains("Invalid recipient 'lead@example.com': write webhook:URL, slack:URL or email:ADDRESS.", form.Find("form").TextContent);
        Assert.False(saved);
    }

    [Fact]
    public async Task Submit_ServiceRefuses_ShowsItsMessage()
    {
        var form = RenderForm(new BudgetInput { Name = "taken", AmountUsd = 10m }, _ => Task.FromResult<string?>("A budget named 'taken' already exists in this tenant."));

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("already exists in this tenant.", form.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task Submit_ValidForm_SavesTheDefinitionAsTyped()
    {
        BudgetDefinition? saved = null;
        var input = new BudgetInput { Name = "backend", AmountUsd = 500m, Scope = "dim:team=backend\nprovider:openai", Thresholds = "80", Block = true, Recipients = "email:lead@example.com" };
        var form = RenderForm(input, i => { saved = i.ToDefinition(); return Task.FromResult<string?>(null); });

        await form.Find("form").SubmitAsync();

        Assert.NotNull(saved);
        Assert.Equal(("backend", 500m, BudgetPeriodKind.Month, BudgetAction.Block), (saved.Name, saved.AmountUsd, saved.Period, saved.Action));
        Assert.Equal(["dim:team=backend", "provider:openai"], saved.Scope.ToTerms());
        Assert.Equal([80], saved.Thresholds);
        Assert.Equal(["email:lead@example.com"], saved.Recipients);
        Assert.Empty(form.FindAll("[role=alert]"));
    }

    private IRenderedComponent<BudgetForm> RenderForm(BudgetInput input, Func<BudgetInput, Task<string?>> save)
    {
        RenderProviders();
        return Render<BudgetForm>(p => p.Add(f => f.Model, input).Add(f => f.OnSave, save).Add(f => f.SubmitText, "Create budget"));
    }
}
