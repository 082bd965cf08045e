using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Forwarding;

/// <summary>What reaches the provider and what comes back: the provider's own request and response, byte for byte.</summary>
public sealed class ForwardingTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("openai", "/v1/chat/completions")]
    [InlineData("anthropic", "/v1/messages")]
    [InlineData("google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent")]
    [InlineData("perplexity", "/chat/completions")]
    [InlineData("deepseek", "/anthropic/v1/messages")]
    [InlineData("novita", "/openai/v1/chat/completions")]
    [InlineData("deepinfra", "/v1/openai/chat/completions")]
    [InlineData("groq", "/v1/responses")]
    public async Task ProviderPath_IsForwardedUnchanged(string provider, string path)
    {
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Post, $"/v1/{provider}{path}", "{\"model\":\"m\"}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path, fixture.Upstream.LastRequest.Path);
    }

    [Fact]
    public async Task QueryString_IsForwardedVerbatim()
    {
        using var client = fixture.CreateClient();
        const string query = "?alt=sse&key=AIza%2Bsecret&empty=&x=a%20b";
        using var request = Request(HttpMethod.Post, "/v1/google/v1beta/models/gemini-2.5-flash:streamGenerateContent" + query, "{}");

        await client.SendAsync(request);

        Assert.Equal(query, fixture.Upstream.LastRequest.QueryString);
    }

    [Fact]
    public async Task ProviderCredentials_PassThroughUntouched()
    {
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Post, "/v1/anthropic/v1/messages?beta=true", "{\"model\":\"claude-sonnet-4-5\"}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Canaries.AnthropicOAuthToken);
        request.Headers.Add("x-api-key", Canaries.AnthropicApiKey);
        request.Headers.Add("x-goog-api-key", "AIza-123");
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "prompt-caching-2024-07-31,oauth-2025-04-20");

        await client.SendAsync(request);

        var received = fixture.Upstream.LastRequest;
        Assert.Equal("Bearer " + Canaries.AnthropicOAuthToken, received.Header("Authorization"));
        Assert.Equal(Canaries.AnthropicApiKey, received.Header("x-api-key"));
        Assert.Equal("AIza-123", received.Header("x-goog-api-key"));
        Assert.Equal("2023-06-01", received.Header("anthropic-version"));
        Assert.Equal("prompt-caching-2024-07-31,oauth-2025-04-20", received.Header("anthropic-beta"));
    }

    [Fact]
    public async Task OwnAndHopByHopHeaders_AreNotForwarded()
    {
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Post, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\"}");
        request.Headers.Add("X-ASO-Dims", "team=backend");
        request.Headers.Add("X-ASO-Debug", "1");
        request.Headers.Add("x-litellm-tags", "project:acme");
        request.Headers.Add("x-litellm-customer-id", "c1");
        request.Headers.Add("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        request.Headers.Add("OpenAI-Organization", "org-1");

        await client.SendAsync(request);

        var received = fixture.Upstream.LastRequest;
        Assert.DoesNotContain(received.Headers.Keys, h => h.StartsWith("x-aso-", StringComparison.Ordinal));
        Assert.DoesNotContain(received.Headers.Keys, h => h.StartsWith("x-litellm-", StringComparison.Ordinal));
        Assert.Null(received.Header("Keep-Alive"));
        Assert.Null(received.Header("Proxy-Connection"));
        Assert.Null(received.Header("TE"));
        Assert.Null(received.Header("Accept-Encoding"));
        Assert.Null(received.Header("X-Forwarded-For"));
        Assert.Equal("org-1", received.Header("OpenAI-Organization"));
        Assert.Equal(new Uri(fixture.Upstream.BaseUrl).Authority, received.Header("Host"));
    }

    [Fact]
    public async Task RequestAndResponseBodies_AreByteIdentical()
    {
        var requestBody = new byte[300_000];
        new Random(42).NextBytes(requestBody);
        "{\"model\":\"x\","u8.CopyTo(requestBody);
        var responseBody = new byte[500_000];
        new Random(7).NextBytes(responseBody);
        fixture.Upstream.Handler = async context =>
        {
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers["x-request-id"] = "req_upstream_1";
            context.Response.Headers["openai-processing-ms"] = "42";
            await context.Response.Body.WriteAsync(responseBody);
        };
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/files") { Content = new ByteArrayContent(requestBody) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        var response = await client.SendAsync(request);

        Assert.Equal(requestBody, fixture.Upstream.LastRequest.Body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(responseBody, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("req_upstream_1", Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.Equal("42", Assert.Single(response.Headers.GetValues("openai-processing-ms")));
        Assert.Single(response.Headers.GetValues("X-ASO-Request-Id"));
    }

    [Fact]
    public async Task UpstreamError_PassesThroughUntouched()
    {
        const string anthropicError = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_1\"}";
        fixture.Upstream.Handler = async context =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(anthropicError);
        };
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Post, "/v1/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\"}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(anthropicError, await response.Content.ReadAsStringAsync());
        Assert.Single(response.Headers.GetValues("X-ASO-Request-Id"));
    }

    [Fact]
    public async Task GetWithoutBody_IsForwarded()
    {
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Get, "/v1/openai/v1/models", body: null);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET", fixture.Upstream.LastRequest.Method);
        Assert.Empty(fixture.Upstream.LastRequest.Body);
    }

    [Fact]
    public async Task ChunkedRequestBody_IsForwardedWhole()
    {
        var payload = "{\"model\":\"gpt-4.1\",\"messages\":[" + string.Join(",", Enumerable.Repeat("{\"role\":\"user\",\"content\":\"hello\"}", 2000)) + "]}";
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(payload))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, System.Text.Encoding.UTF8.GetString(fixture.Upstream.LastRequest.Body));
    }

    [Fact]
    public async Task Dimensions_AreRecordedWithKeysTenantWhateverTheHeadersSay()
    {
        using var client = fixture.CreateClient();
        using var request = Request(HttpMethod.Post, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\"}");
        request.Headers.Add("X-ASO-Dims", "team=backend, env=prod,tenant=someone-else");
        request.Headers.Add("x-litellm-tags", "project:acme,env:staging,nightly");
        request.Headers.Add("x-litellm-end-user-id", "alice");

        var response = await client.SendAsync(request);
        var record = await fixture.WaitForUsageAsync(Assert.Single(response.Headers.GetValues("X-ASO-Request-Id")));

        Assert.Equal(key.Key.TenantId, record.TenantId);
        Assert.Equal(key.Key.Id, record.ApiKeyId);
        Assert.Equal("backend", record.Dims["team"]);
        Assert.Equal("prod", record.Dims["env"]);
        Assert.Equal("acme", record.Dims["project"]);
        Assert.Equal("nightly", record.Dims["tags"]);
        Assert.Equal("alice", record.Dims["customer"]);
        Assert.Equal(record.Dims.Count, record.DimensionRows.Count);
        Assert.Equal("openai", record.Provider);
        Assert.Equal("gpt-4.1", record.ModelRequested);
        Assert.Equal(200, record.StatusCode);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        return request;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
