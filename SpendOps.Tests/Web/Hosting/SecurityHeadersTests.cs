using System.Net;
using System.Text.RegularExpressions;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

public sealed partial class SecurityHeadersTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task PortalPage_CarriesCspNosniffAndReferrerPolicy_WithTheImportMapAllowedByNonce()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws: wss:", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProxyResponse_HasNoneOfThePortalsHeaders()
    {
        var key = await fixture.CreateKeyAsync();

        using var response = await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.OK);

        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
