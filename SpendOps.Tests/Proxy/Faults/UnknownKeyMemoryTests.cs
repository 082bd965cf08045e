using System.Net;
using System.Text;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>A client repeating an unknown key costs one database lookup, not one per request.</summary>
public sealed class UnknownKeyMemoryTests(NoClientLimitFixture fixture) : IClassFixture<NoClientLimitFixture>
{
    [Fact]
    public async Task SameUnknownKeyRepeated_IsLookedUpOnce()
    {
        var id = ApiKeyFormat.NewId();
        var key = ApiKeyFormat.Compose(id, ApiKeyFormat.NewSecret());
        using var client = fixture.CreateClient();
        var statuses = new List<HttpStatusCode>();

        // The host's clock stands still, so the few seconds an unknown id is remembered cannot run out mid-test.
        using (fixture.App.Clock.StopAt(DateTimeOffset.UtcNow))
        {
            for (var i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
                {
                    Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-ASO-API-Key", key);
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(1, fixture.Queries.CommandsWith(id));
    }
}
