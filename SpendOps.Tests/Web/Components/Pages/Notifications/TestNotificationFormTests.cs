using Bunit;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Notifications;

namespace SpendOps.Tests.Web.Components.Pages.Notifications;

/// <summary>The test-notification form refuses what budgets would refuse, with the same words, before sending anything.</summary>
public sealed class TestNotificationFormTests : PortalComponentTests
{
    [Fact]
    public async Task Submit_Empty_AsksForARecipient()
    {
        SignIn(Roles.Admin);
        var form = Render<TestNotificationForm>();

        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains("Enter a recipient: webhook:URL, slack:URL or email:ADDRESS.", form.Find("form").TextContent));
    }

    [Theory]
    [InlineData("sms:+15550100", "Invalid recipient 'sms:+15550100': write webhook:URL, slack:URL or email:ADDRESS.")]
    [InlineData("webhook:hooks.example.com/spend", "Invalid recipient 'webhook:hooks.example.com/spend': webhook: needs an absolute http or https URL.")]
    [InlineData("slack:ftp://files.example.com", "Invalid recipient 'slack:ftp://files.example.com': slack: needs an absolute http or https URL.")]
    [InlineData("email:lead", "Invalid recipient 'email:lead': email: needs one address such as email:lead@example.com.")]
    [InlineData("lead@example.com", "Invalid recipient 'lead@example.com': write webhook:URL, slack:URL or email:ADDRESS.")]
    public async Task Submit_InvalidRecipient_ShowsWhatToWrite(string recipient, string expected)
    {
        SignIn(Roles.Admin);
        var form = Render<TestNotificationForm>();

        await form.Find("input[autocomplete=off]").ChangeAsync(new() { Value = recipient });
        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.Contains(expected, form.Find("form").TextContent));
        await using var db = CreateContext();
        Assert.Empty(db.AlertDeliveries);
    }
}
