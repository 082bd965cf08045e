using System.Net;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>A host that speaks HTTP/2 on its cleartext port (prior knowledge), as it does behind TLS.</summary>
public sealed class Http2Fixture : ProxyFixture
{
    protected override void Configure(SpendOpsAppFactory app) => app.Settings["Kestrel:EndpointDefaults:Protocols"] = "Http2";
}

/// <summary>WebSocket sessions over HTTP/2 arrive as extended CONNECT; they are refused like HTTP/1.1 upgrades.</summary>
public sealed class Http2ConnectTests(Http2Fixture fixture) : IClassFixture<Http2Fixture>
{
    [Fact]
    public async Task ExtendedConnectWebSocket_Returns400InTheEnvelope_AndNothingReachesTheProvider()
    {
        fixture.Upstream.Reset();
        var key = await fixture.CreateKeyAsync();
        using var client = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Connect, "/v1/openai/v1/realtime?model=gpt-realtime")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Protocol = "websocket";
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        await ProxyContractTests.AssertErrorAsync(response, HttpStatusCode.BadRequest,
            "AI SpendOps: WebSocket sessions (OpenAI Realtime, Gemini Live) are not proxied; use the provider's HTTP API", "/v1/openai/");
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task OrdinaryHttp2Call_IsForwarded()
    {
        fixture.Upstream.Reset();
        var key = await fixture.CreateKeyAsync();
        using var client = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/files/a%2Fb?x=%2F")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent("{\"model\":\"gpt-4.1\"}"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/files/a%2Fb?x=%2F", Assert.Single(fixture.Upstream.Requests).RawTarget);
    }
}
