using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// A provider that compresses its answer although the proxy did not ask for it: the client gets the compressed bytes
/// unchanged, and the usage is read from a decompressed copy.
/// </summary>
public sealed class CompressedResponseTests(FaultsFixture fixture) : IClassFixture<FaultsFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task EncodedJson_IsRelayedAsSentAndItsUsageRecorded(string encoding)
    {
        fixture.Upstream.Handler = UpstreamFaults.Encoded(encoding, "application/json", FixtureFiles.Bytes("providers/openai-chat.json"), out var encoded);

        var (response, received) = await PostAsync("{\"model\":\"gpt-4.1\",\"messages\":[]}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal(encoded, received);
        // openai-chat.json: 1540 prompt tokens of which 1024 cached, 12 completion tokens.
        Assert.Equal((516, 1024, 12), (record.Tokens.InputTokens, record.Tokens.CacheReadTokens, record.Tokens.OutputTokens));
        Assert.True(record.UsageComplete);
        Assert.Equal(encoded.Length, record.ResponseBytes);
    }

    [Fact]
    public async Task GzipEventStream_IsRelayedAsSentAndItsUsageRecorded()
    {
        fixture.Upstream.Handler = UpstreamFaults.Encoded("gzip", "text/event-stream", FixtureFiles.Bytes("providers/openai-chat.sse"), out var encoded);

        var (response, received) = await PostAsync("{\"model\":\"gpt-4.1\",\"stream\":true}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoded, received);
        Assert.True(record.Stream);
        Assert.Equal((516, 1024, 12), (record.Tokens.InputTokens, record.Tokens.CacheReadTokens, record.Tokens.OutputTokens));
        Assert.True(record.UsageComplete);
    }

    [Fact]
    public async Task BodyThatIsNotTheGzipItClaims_IsRelayedAndRecordedAsIncomplete()
    {
        var garbage = Encoding.UTF8.GetBytes("{\"usage\":{\"prompt_tokens\":5}} is not gzip");
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(garbage);
        };

        var (response, received) = await PostAsync("{\"model\":\"gpt-4.1\",\"messages\":[]}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(garbage, received);
        Assert.True(record.Billable);
        Assert.False(record.UsageComplete);
        Assert.False(record.Tokens.HasAny);
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> PostAsync(string body)
    {
        // No automatic decompression: the test sees the bytes on the wire.
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
