using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// The model a usage record names when a request names it somewhere unusual or more than once (a key without a
/// model allow-list, so these calls are forwarded), and the 413 an ordinary HttpClient reads for a huge body.
/// </summary>
public sealed class RequestModelRecordTests(HostileFixture fixture) : IClassFixture<HostileFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ModelInQueryString_IsTheRecordedModel_WhenTheBodyNamesNone()
    {
        var response = await SendAsync("/v1/openai/v1/realtime/sessions?model=gpt-realtime", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal("gpt-realtime", record.ModelRequested);
    }

    [Fact]
    public async Task JsonNamingTwoModels_RecordsTheFirst()
    {
        var response = await SendAsync("/v1/openai/v1/chat/completions",
            new StringContent("{\"model\":\"gpt-4.1\",\"messages\":[],\"model\":\"gpt-4o\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4.1", (await fixture.WaitForKeyUsageAsync(key.Key.Id)).ModelRequested);
    }

    [Fact]
    public async Task FormNamingTwoModels_RecordsTheFirst()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.wav" }, { new StringContent("whisper-1"), "model" }, { new StringContent("gpt-4o-transcribe"), "model" } };

        var response = await SendAsync("/v1/openai/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("whisper-1", (await fixture.WaitForKeyUsageAsync(key.Key.Id)).ModelRequested);
    }

    [Fact]
    public async Task FortyMegabyteBody_HttpClientReads413InTheProviderEnvelope()
    {
        var body = new byte[40 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await SendAsync("/v1/anthropic/v1/messages", content);

        await ProxyContractTests.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge,
            $"AI SpendOps: Request body is larger than the proxy's limit of {HostileFixture.MaxBody} bytes (Proxy:MaxRequestBodyBytes)", "/v1/anthropic/");
        Assert.Empty(fixture.Upstream.Requests);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent content)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        return await client.SendAsync(request);
    }
}
