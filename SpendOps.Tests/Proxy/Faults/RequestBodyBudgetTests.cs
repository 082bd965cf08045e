using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Proxy.Limits;
using SpendOps.Tests.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// The bodies of calls in progress share one memory budget: while a slow upload holds most of it, another large body
/// is refused with 503 and Retry-After, and accepted again once the first call is done.
/// </summary>
public sealed class RequestBodyBudgetTests(BodyBudgetFixture fixture) : IClassFixture<BodyBudgetFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOverTheSharedBudget_Gets503UntilTheHolderIsDone(bool chunked)
    {
        var budget = fixture.App.Services.GetRequiredService<RequestBodyBudget>();
        using var client = fixture.CreateClient();
        var slow = new SlowBody(Body(8_000));
        using var slowRequest = Request(slow);
        var holder = client.SendAsync(slowRequest);
        // The slow call declared 8,000 bytes and sent part of them: its share is taken until it ends.
        await WaitUntilAsync(() => budget.Reserved == 8_000);

        using var refused = await client.SendAsync(Request(Body(5_000), chunked));
        slow.Release();
        using var held = await holder;
        using var afterwards = await client.SendAsync(Request(Body(5_000), chunked));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(
            "AI SpendOps: The proxy is busy: request bodies in memory are at their limit of 10000 bytes (Limits:BufferedRequestBytes); retry in 1 s",
            ProxyContractTests.ErrorMessage(await refused.Content.ReadAsStringAsync(), "/v1/openai/"));
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(0, budget.Reserved);
        Assert.Equal(2, fixture.Upstream.Requests.Count);
    }

    private static byte[] Body(int length)
    {
        var prefix = "{\"model\":\"gpt-4.1\",\"input\":\"";
        return Encoding.UTF8.GetBytes(prefix + new string('x', length - prefix.Length - 2) + "\"}");
    }

    private HttpRequestMessage Request(byte[] body, bool chunked)
    {
        var request = Request(chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body));
        request.Headers.TransferEncodingChunked = chunked;
        return request;
    }

    private HttpRequestMessage Request(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/responses") { Content = content };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        return request;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition was not met within the timeout.");
            await Task.Delay(20);
        }
    }

    /// <summary>A body with a declared length that sends its first 100 bytes, then the rest once released.</summary>
    private sealed class SlowBody(byte[] body) : HttpContent
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 100));
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(body.AsMemory(100));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
