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

    [Fact]
    public async Task KeyCreatedAfterItsIdWasFoundUnknown_WorksOnceTheKeyRefreshBringsItIn()
    {
        var id = ApiKeyFormat.NewId();
        var secret = ApiKeyFormat.NewSecret();
        var key = ApiKeyFormat.Compose(id, secret);
        using var client = fixture.CreateClient();
        var now = DateTimeOffset.UtcNow;
        // Stopped clock: the id's 5 s as "unknown" cannot run out; only the key cache refresh can let the key in.
        using var stopped = fixture.App.Clock.StopAt(now);
        var before = await SendAsync(client, key);

        var tenant = await fixture.EnsureTenantAsync("default");
        await fixture.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = id, TenantId = tenant.Id, Name = "created elsewhere", SecretHash = fixture.App.Services.GetRequiredService<KeyHasher>().Hash(id, secret), SecretHint = secret[^4..],
                Status = ApiKeyStatus.Active, Policy = KeyPolicy.Unrestricted, CreatedAt = now, UpdatedAt = now, CreatedBy = "test",
            });
            return await db.SaveChangesAsync();
        });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var after = await SendAsync(client, key);
        while (after != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            after = await SendAsync(client, key);
        }

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (before, after));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
