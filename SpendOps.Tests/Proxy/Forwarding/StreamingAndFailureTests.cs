using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Forwarding;

/// <summary>A host with short limits, and one provider pointed at a port where nothing listens.</summary>
public sealed class LimitsFixture : ProxyFixture
{
    public const int MaxBody = 4096;

    protected override void Configure(SpendOpsAppFactory app)
    {
        app.Settings["Proxy:UpstreamIdleTimeoutSeconds"] = "1";
        app.Settings["Proxy:MaxRequestBodyBytes"] = MaxBody.ToString();
        app.ProviderBaseUrls["mistral"] = $"http://127.0.0.1:{ClosedPort()}";
        app.ProviderBaseUrls["anthropic"] = $"http://127.0.0.1:{ClosedPort()}";
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public sealed class StreamingAndFailureTests(LimitsFixture fixture) : IClassFixture<LimitsFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SseStream_FirstEventReachesClientBeforeUpstreamFinishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"first\":true}\n\n");
            await context.Response.Body.FlushAsync();
            // The rest of the stream only comes once the client proved it already has the first event.
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("data: {\"second\":true}\n\ndata: [DONE]\n\n");
        };
        using var client = fixture.CreateClient();
        using var request = Request("/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"stream\":true}");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var firstLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var rest = await reader.ReadToEndAsync();

        Assert.Equal("data: {\"first\":true}", firstLine);
        Assert.Equal("\ndata: {\"second\":true}\n\ndata: [DONE]\n\n", rest);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClientDisconnect_CancelsUpstreamCall()
    {
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync("data: {\"tick\":1}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
            }
        };
        var client = fixture.CreateClient();
        var request = Request("/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"stream\":true}");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        Assert.True(await stream.ReadAsync(buffer) > 0);

        client.Dispose();
        response.Dispose();

        await fixture.Upstream.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var id = Assert.Single(response.Headers.GetValues("X-ASO-Request-Id"));
        var record = await fixture.WaitForUsageAsync(id);
        Assert.False(record.UsageComplete);
        Assert.True(record.ResponseBytes > 0);
    }

    [Theory]
    [InlineData("/v1/mistral/v1/chat/completions", "{\"error\":{\"message\":\"AI SpendOps: Could not reach the Mistral API (connection failed)\"")]
    [InlineData("/v1/anthropic/v1/messages", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"AI SpendOps: Could not reach the Anthropic API (connection failed)\"}}")]
    public async Task UpstreamUnreachable_Returns502InProviderEnvelope(string path, string expectedStart)
    {
        using var client = fixture.CreateClient();

        var response = await client.SendAsync(Request(path, "{\"model\":\"m\"}"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith(expectedStart, await response.Content.ReadAsStringAsync());
        Assert.Single(response.Headers.GetValues("X-ASO-Request-Id"));
    }

    [Fact]
    public async Task UpstreamSilentPastIdleTimeout_Returns504()
    {
        fixture.Upstream.Handler = async context => await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
        using var client = fixture.CreateClient();

        var response = await client.SendAsync(Request("/v1/google/v1beta/models/gemini-2.5-flash:generateContent", "{}"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var message = ProxyContractTests.ErrorMessage(await response.Content.ReadAsStringAsync(), "/v1/google/");
        Assert.Equal("AI SpendOps: The Google Gemini API did not answer within 1 s", message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOverLimit_Returns413WithoutCallingUpstream(bool chunked)
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"gpt-4.1\",\"input\":\"" + new string('x', LimitsFixture.MaxBody) + "\"}");
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/responses")
        {
            Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body),
        };
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var message = ProxyContractTests.ErrorMessage(await response.Content.ReadAsStringAsync(), "/v1/openai/");
        Assert.Equal($"AI SpendOps: Request body is larger than the proxy's limit of {LimitsFixture.MaxBody} bytes (Proxy:MaxRequestBodyBytes)", message);
        Assert.Empty(fixture.Upstream.Requests);
    }

    private HttpRequestMessage Request(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        return request;
    }
}
