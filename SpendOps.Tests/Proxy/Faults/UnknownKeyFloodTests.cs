using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Tests.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>A client sending made-up keys is cut off after a few, without hurting a real client at the same address.</summary>
public sealed class UnknownKeyFloodTests(UnknownKeyLimitFixture fixture) : IClassFixture<UnknownKeyLimitFixture>
{
    [Fact]
    public async Task FloodOfUnknownKeys_IsRefusedWith429WhileAKnownKeyFromTheSameAddressWorks()
    {
        var real = await fixture.CreateKeyAsync();
        await fixture.WaitUntilCachedAsync(real.Key.Id);
        using var client = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, real.FullKey)).StatusCode);

        var madeUp = Enumerable.Range(0, UnknownKeyLimitFixture.Permits + 3).Select(_ => ApiKeyFormat.Compose(ApiKeyFormat.NewId(), ApiKeyFormat.NewSecret())).ToList();
        var responses = new List<HttpResponseMessage>();
        foreach (var key in madeUp)
            responses.Add(await SendAsync(client, key));
        var afterFlood = await SendAsync(client, real.FullKey);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Forbidden, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), responses.Select(r => r.StatusCode));
        var refused = responses[^1];
        // 5 permits an hour refill one every 720 s; the bucket is empty, so the next one is at most 720 s away.
        var retryAfter = (int)(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0);
        Assert.InRange(retryAfter, 1, 720);
        Assert.Equal(
            $"AI SpendOps: Too many requests without a valid API key from this address (5 per 3600 s, Limits:UnauthenticatedRequestsPerClient); retry in {retryAfter} s",
            ProxyContractTests.ErrorMessage(await refused.Content.ReadAsStringAsync(), "/v1/openai/"));
        // Only the keys that got past the limit were looked up; the refused ones never reached the database.
        Assert.Equal([1, 1, 1, 1, 1, 0, 0, 0], madeUp.Select(k => fixture.Queries.CommandsWith(IdOf(k))));
        Assert.Equal(HttpStatusCode.OK, afterFlood.StatusCode);
    }

    private static string IdOf(string key)
    {
        ApiKeyFormat.TryParse(key, out var id, out _);
        return id!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
