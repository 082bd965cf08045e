using Bunit;
using MudBlazor;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Telemetry;

namespace SpendOps.Tests.Web.Components.Pages.Telemetry;

/// <summary>
/// The connection list: an empty tenant is told how to start, a new connection's key is shown once and never again,
/// and rotating or revoking a key asks first.
/// </summary>
public sealed class TelemetryConnectionsTests : TelemetryComponentTests
{
    [Fact]
    public void Render_NoConnections_TellsHowToStart()
    {
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnections>();

        page.WaitForAssertion(() => Assert.Contains("No telemetry connections yet", page.Markup));
        Assert.Equal(2, page.FindAll("button").Count(b => b.TextContent.Trim() == "New connection"));
    }

    [Fact]
    public async Task NewConnection_Created_KeyShownOnceAndNotAfterClosing()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<TelemetryConnections>();
        page.WaitForAssertion(() => Assert.Contains("No telemetry connections yet", page.Markup));

        // Not awaited: the click's handler waits for the dialogs it opens to close.
        _ = page.FindAll("button").First(b => b.TextContent.Trim() == "New connection").ClickAsync(new());
        await providers.Find("input[autocomplete=off]").ChangeAsync(new() { Value = "Claude Team" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Connection \"Claude Team\" created: copy the key now", providers.Markup));
        var key = providers.Find("input.shown-once-value").GetAttribute("value")!;
        Assert.StartsWith("ss_live_", key, StringComparison.Ordinal);
        Assert.Contains("you will not see it again", providers.Markup);
        Assert.Contains($"Authorization=Bearer {key}", providers.Markup);

        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Done, I have copied the key").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.DoesNotContain(key, providers.Markup));
        page.WaitForAssertion(() => Assert.Contains("Claude Team", page.Markup));
        Assert.DoesNotContain(key, page.Markup);
        Assert.Contains(key[..key.IndexOf('.', StringComparison.Ordinal)], page.Markup);
    }

    [Fact]
    public async Task Setup_Clicked_ShowsPlaceholderNotAKey()
    {
        var created = await CreateConnectionAsync("Claude Team");
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<TelemetryConnections>();

        _ = page.WaitForElement("button[aria-label='Setup instructions for Claude Team']").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Setup for Claude Team", providers.Markup));
        Assert.Contains("Authorization=Bearer YOUR_INGEST_KEY", providers.Markup);
        Assert.Empty(providers.FindAll("input.shown-once-value"));
        Assert.DoesNotContain(created.FullKey, providers.Markup);
    }

    [Fact]
    public async Task Rotate_Cancelled_KeepsTheKey()
    {
        var created = await CreateConnectionAsync("Claude Team");
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<TelemetryConnections>();

        _ = page.WaitForElement($"button[aria-label='Rotate key {created.Key.DisplayHint}']").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Rotate this ingest key?", providers.Markup));
        Assert.Contains("the current one stops working at once", providers.Markup);
        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.DoesNotContain("Rotate this ingest key?", providers.Markup));
        Assert.Empty(providers.FindAll("input.shown-once-value"));
        await using var db = CreateContext();
        Assert.Null(db.IngestKeys.Single(k => k.Id == created.Key.Id).RotatedAt);
    }

    [Fact]
    public async Task Rotate_Confirmed_ShowsTheNewKeyOnce()
    {
        var created = await CreateConnectionAsync("Claude Team");
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<TelemetryConnections>();

        _ = page.WaitForElement($"button[aria-label='Rotate key {created.Key.DisplayHint}']").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Rotate this ingest key?", providers.Markup));
        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Rotate key").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Key rotated: copy the new key", providers.Markup));
        var key = providers.Find("input.shown-once-value").GetAttribute("value")!;
        Assert.NotEqual(created.FullKey, key);
        Assert.StartsWith($"{IngestKeyFormat.Prefix}{created.Key.Id}.", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_Confirmed_ShowsRevokedAndNoActiveKey()
    {
        var created = await CreateConnectionAsync("Claude Team");
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<TelemetryConnections>();

        _ = page.WaitForElement($"button[aria-label='Revoke key {created.Key.DisplayHint}']").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Revoke this ingest key?", providers.Markup));
        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke key").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("No active key: senders get 401.", page.Markup));
        Assert.Contains(page.FindAll(".mud-chip"), c => c.TextContent.Trim() == "revoked");
        Assert.Empty(page.FindAll($"button[aria-label='Revoke key {created.Key.DisplayHint}']"));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == $"Key revoked: {created.Key.DisplayHint} no longer works." && s.Severity == Severity.Success);
    }

    [Fact]
    public async Task Render_ConnectionOfAnotherTenant_NotListed()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
        }
        await CreateConnectionAsync("Their Team", other.Id);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnections>();

        page.WaitForAssertion(() => Assert.Contains("No telemetry connections yet", page.Markup));
        Assert.DoesNotContain("Their Team", page.Markup);
    }
}
