using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Telemetry;

namespace SpendOps.Tests.Web.Components.Pages.Telemetry;

/// <summary>The new-connection dialog: the name is required, only admins create, and it closes with the connection and its first key.</summary>
public sealed class TelemetryConnectionCreateDialogTests : TelemetryComponentTests
{
    [Fact]
    public async Task Submit_EmptyName_ShowsNameMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<TelemetryConnectionCreateDialog>("New telemetry connection", []);

        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Name the connection, e.g. Claude Team.", providers.Markup));
        await using var db = CreateContext();
        Assert.False(await db.TelemetryConnections.AnyAsync());
    }

    [Fact]
    public async Task Submit_Viewer_RefusedBeforeSaving()
    {
        SignIn(Roles.Viewer);
        var providers = RenderProviders();
        await ShowAsync<TelemetryConnectionCreateDialog>("New telemetry connection", []);

        await providers.Find("input[autocomplete=off]").ChangeAsync(new() { Value = "Claude Team" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Only administrators can create connections.", providers.Find("[role=alert]").TextContent));
        await using var db = CreateContext();
        Assert.False(await db.TelemetryConnections.AnyAsync());
    }

    [Fact]
    public async Task Submit_AdminWithName_ClosesWithConnectionAndItsFirstKey()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<TelemetryConnectionCreateDialog>("New telemetry connection", []);

        await providers.Find("input[autocomplete=off]").ChangeAsync(new() { Value = "Claude Team" });
        await providers.Find("form").SubmitAsync();

        var result = await dialog.Result;
        var created = Assert.IsType<CreatedTelemetryConnection>(result!.Data);
        Assert.Equal("Claude Team", created.Connection.Name);
        Assert.StartsWith("ss_live_", created.FullKey, StringComparison.Ordinal);
        Assert.Equal(Tenant.Id, created.Connection.TenantId);
    }

    [Fact]
    public async Task Cancel_Clicked_ClosesWithoutAConnection()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<TelemetryConnectionCreateDialog>("New telemetry connection", []);

        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());

        Assert.True((await dialog.Result)!.Canceled);
    }
}
