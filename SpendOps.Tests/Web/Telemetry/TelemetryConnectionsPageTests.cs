using System.Net;
using System.Net.Http.Headers;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Telemetry;

/// <summary>
/// The telemetry connection pages as first served (prerendered HTML), signed in through the real login form:
/// roles, tenant checks, what is listed and that a full key never appears outside the one-time dialog.
/// </summary>
public sealed class TelemetryConnectionsPageTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("/telemetry")]
    [InlineData("/connections")]
    public async Task Telemetry_Finance_IsSentToAccessDenied(string listPath)
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.Finance);

        using var list = await client.GetAsync(listPath);
        using var detail = await client.GetAsync($"{listPath}/{Guid.NewGuid():D}");

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/Account/AccessDenied", list.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, detail.StatusCode);
        Assert.Contains("/Account/AccessDenied", detail.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/telemetry")]
    [InlineData("/connections")]
    public async Task Telemetry_Admin_ListsConnectionCreatedByServiceWithoutItsKey(string listPath)
    {
        var tenant = await NewTenantAsync();
        var created = await CreateConnectionAsync(tenant, "Claude Platform Team");
        using var client = await SignInAsync(tenant, Roles.Admin);

        var html = await client.GetStringAsync(listPath);

        Assert.Contains("Claude Platform Team", html, StringComparison.Ordinal);
        Assert.Contains(new Uri(fixture.App.BaseAddress, created.EndpointPath).ToString(), html, StringComparison.Ordinal);
        Assert.Contains($"telemetry/{created.Connection.Id:D}", html, StringComparison.Ordinal);
        Assert.Contains("claude_code", html, StringComparison.Ordinal);
        Assert.Contains(created.Key.Id, html, StringComparison.Ordinal);
        Assert.Contains(">never</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(created.FullKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret(created.FullKey), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_TenantWithoutConnections_TellsWhatToDo()
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.Admin);

        var html = await client.GetStringAsync("/telemetry");

        Assert.Contains("No telemetry connections yet", html, StringComparison.Ordinal);
        Assert.Contains("New connection", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_OtherTenantsConnection_NotListed()
    {
        var theirs = await CreateConnectionAsync(await NewTenantAsync(), "Their Team");
        var mine = await NewTenantAsync();
        using var client = await SignInAsync(mine, Roles.Admin);

        var html = await client.GetStringAsync("/telemetry");

        Assert.DoesNotContain("Their Team", html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Connection.Id.ToString("D"), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/telemetry")]
    [InlineData("/connections")]
    public async Task TelemetryConnectionDetail_OtherTenantsConnection_ShowsNotFound(string listPath)
    {
        var theirs = await CreateConnectionAsync(await NewTenantAsync(), "Their Secret Team");
        var mine = await NewTenantAsync();
        using var client = await SignInAsync(mine, Roles.Admin);

        var html = await client.GetStringAsync($"{listPath}/{theirs.Connection.Id:D}");

        Assert.Contains("Connection not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Their Secret Team", html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Key.Id, html, StringComparison.Ordinal);
    }

    /// <summary>The batches grid loads once the page is interactive; TelemetryPagesBrowserTests checks its rows.</summary>
    [Fact]
    public async Task TelemetryConnectionDetail_OwnConnectionWithBatches_ShowsItSyncedWithoutItsKey()
    {
        var tenant = await NewTenantAsync();
        var created = await CreateConnectionAsync(tenant, "Claude Batches Team");
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(created, OtlpPayloads.ApiRequest("req_portal_batch")));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(created, "{\"resourceLogs\": 5}"u8.ToArray()));
        using var client = await SignInAsync(tenant, Roles.Admin);

        var html = await client.GetStringAsync($"/telemetry/{created.Connection.Id:D}");

        Assert.Contains("Claude Batches Team", html, StringComparison.Ordinal);
        Assert.Contains("Received batches", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">never</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret(created.FullKey), html, StringComparison.Ordinal);
    }

    private Task<Tenant> NewTenantAsync() => fixture.EnsureTenantAsync("connections-" + Guid.NewGuid().ToString("N")[..8]);

    private async Task<HttpClient> SignInAsync(Tenant tenant, string role) =>
        await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, role));

    private async Task<CreatedTelemetryConnection> CreateConnectionAsync(Tenant tenant, string name)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>()
            .CreateAsync(tenant.Id, name, TelemetrySource.ClaudeCode, "tests", CancellationToken.None);
    }

    /// <summary>Posts OTLP logs to the connection's ingest endpoint as Claude Code would.</summary>
    private async Task<HttpStatusCode> PostAsync(CreatedTelemetryConnection connection, byte[] body)
    {
        using var client = fixture.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{connection.EndpointPath}/v1/logs") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.FullKey);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Secret(string fullKey) => fullKey[(fullKey.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
