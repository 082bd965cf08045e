using System.Net;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>Forwarded headers count only from the configured proxies: client address for the rate limits, HTTPS for cookies.</summary>
public sealed class ForwardedHeadersTests
{
    private static readonly Dictionary<string, string> BehindTls = new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" };

    [Fact]
    public async Task FromKnownProxy_ForwardedHttps_MakesTheSignInCookieSecure()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = Start(database, knownProxy: "127.0.0.1");

        using var login = await LoginForm.PostAsync(app.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword, BehindTls);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("; secure", LoginForm.IdentitySetCookie(login), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FromUnknownAddress_ForwardedHttps_IsIgnored()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = Start(database, knownProxy: "10.9.8.7");

        using var login = await LoginForm.PostAsync(app.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword, BehindTls);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("; secure", LoginForm.IdentitySetCookie(login), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FromKnownProxy_RateLimitsCountEachForwardedClient()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = Start(database, knownProxy: "127.0.0.1");

        // One call a minute per address without a key (each answered 403: no key): the second from the same client is
        // refused with 429, another client is not.
        Assert.Equal(HttpStatusCode.Forbidden, await KeylessCallAsync(app, "198.51.100.1"));
        Assert.Equal((HttpStatusCode)429, await KeylessCallAsync(app, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Forbidden, await KeylessCallAsync(app, "198.51.100.2"));
    }

    [Fact]
    public async Task FromUnknownAddress_RateLimitsCountTheConnectionsAddress()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = Start(database, knownProxy: null);

        Assert.Equal(HttpStatusCode.Forbidden, await KeylessCallAsync(app, "198.51.100.1"));
        Assert.Equal((HttpStatusCode)429, await KeylessCallAsync(app, "198.51.100.2"));
    }

    private static SpendOpsAppFactory Start(TestDatabase database, string? knownProxy)
    {
        var app = new SpendOpsAppFactory(database, "http://127.0.0.1:9");
        if (knownProxy is not null)
            app.Settings["ForwardedHeaders:KnownProxies:0"] = knownProxy;
        app.Settings["Limits:UnauthenticatedRequestsPerClient"] = "1";
        return app.Start();
    }

    private static async Task<HttpStatusCode> KeylessCallAsync(SpendOpsAppFactory app, string forwardedFor)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4.1","messages":[]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
