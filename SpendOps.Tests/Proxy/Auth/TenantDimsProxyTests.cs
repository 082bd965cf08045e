using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>The tenant's dimension catalogue in the live proxy: required names, allowed names and values, keys that narrow it.</summary>
public sealed class TenantDimsProxyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const string AnthropicMessages = "/v1/anthropic/v1/messages";
    private const string OpenAiChat = "/v1/openai/v1/chat/completions";

    [Theory]
    [InlineData(null)]
    [InlineData("team=backend")]
    public async Task CatalogueRequiresUser_CallWithoutUser_Returns400RequireDimsViolation(string? dims)
    {
        var tenant = await fixture.EnsureTenantAsync("requires-user-" + Guid.NewGuid().ToString("N")[..8]);
        await SetAsync(tenant, "user", required: true);
        await SetAsync(tenant, "team");
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);

        var response = await SendAsync(AnthropicMessages, key.FullKey, dims);

        await ProxyContractTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "AI SpendOps: require_dims violation", AnthropicMessages);
    }

    [Theory]
    [InlineData("user=alice,team=finance", "AI SpendOps: dims_policy violation: 'finance' is not an allowed value of 'team' (allowed: backend, web)")]
    [InlineData("user=alice,app=chatbot", "AI SpendOps: dims_policy violation: dimension 'app' is not in the tenant's dimension catalogue (allowed: team, user)")]
    [InlineData("user=alice,Team=Backend", "AI SpendOps: dims_policy violation: 'Backend' is not an allowed value of 'team' (allowed: backend, web)")]
    public async Task CatalogueWithValues_NameOrValueOutside_Returns400DimsPolicyViolation(string dims, string expected)
    {
        var tenant = await fixture.EnsureTenantAsync("outside-" + Guid.NewGuid().ToString("N")[..8]);
        await SetAsync(tenant, "user", required: true);
        await SetAsync(tenant, "team", values: ["backend", "web"]);
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);
        var forwardedBefore = fixture.Upstream.Requests.Count;

        var response = await SendAsync(OpenAiChat, key.FullKey, dims);

        await ProxyContractTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, expected, OpenAiChat);
        Assert.Equal(forwardedBefore, fixture.Upstream.Requests.Count);
    }

    [Fact]
    public async Task CatalogueWithValues_AllowedCall_IsForwardedAndRecordedWithItsDims()
    {
        var tenant = await fixture.EnsureTenantAsync("inside");
        await SetAsync(tenant, "user", required: true);
        await SetAsync(tenant, "team", values: ["backend", "web"]);
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);

        var response = await SendAsync(OpenAiChat, key.FullKey, "user=alice,team=web");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal(["team=web", "user=alice"], record.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order());
    }

    [Fact]
    public async Task KeyNarrowsCatalogue_KeyRulesApplyOnTop()
    {
        var tenant = await fixture.EnsureTenantAsync("narrowing");
        await SetAsync(tenant, "team", values: ["backend", "web"]);
        await SetAsync(tenant, "env");
        var key = await fixture.CreateKeyAsync(new KeyPolicy
        {
            RequiredDims = ["env"],
            AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["web"], ["env"] = [] },
        }, tenant: tenant.Name);

        var missingEnv = await SendAsync(OpenAiChat, key.FullKey, "team=web");
        var catalogueValueKeyRefuses = await SendAsync(OpenAiChat, key.FullKey, "team=backend,env=prod");
        var fine = await SendAsync(OpenAiChat, key.FullKey, "team=web,env=prod");

        await ProxyContractTests.AssertErrorAsync(missingEnv, HttpStatusCode.BadRequest, "AI SpendOps: require_dims violation", OpenAiChat);
        await ProxyContractTests.AssertErrorAsync(catalogueValueKeyRefuses, HttpStatusCode.BadRequest,
            "AI SpendOps: dims_policy violation: 'backend' is not an allowed value of 'team'", OpenAiChat);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task KeyWiderThanCatalogue_SavedBeforeTheCatalogue_GetsTheIntersection()
    {
        var tenant = await fixture.EnsureTenantAsync("intersection");
        var key = await fixture.CreateKeyAsync(new KeyPolicy
        {
            AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["backend", "web"], ["app"] = [] },
        }, tenant: tenant.Name);
        // A catalogue written behind the service's back, as if it had raced with the key's save.
        await fixture.WithDbAsync(async db =>
        {
            db.TenantDimensions.Add(new TenantDimension { TenantId = tenant.Id, Name = "team", AllowedValues = ["web", "mobile"] });
            await db.SaveChangesAsync();
            return await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DimsChangedAt, DateTimeOffset.UtcNow));
        });

        var app = await PollUntilAsync(() => SendAsync(OpenAiChat, key.FullKey, "app=x"), r => r.StatusCode == HttpStatusCode.BadRequest);
        var backend = await SendAsync(OpenAiChat, key.FullKey, "team=backend");
        var mobile = await SendAsync(OpenAiChat, key.FullKey, "team=mobile");
        var web = await SendAsync(OpenAiChat, key.FullKey, "team=web");

        await ProxyContractTests.AssertErrorAsync(app, HttpStatusCode.BadRequest,
            "AI SpendOps: dims_policy violation: dimension 'app' is not in the tenant's dimension catalogue (allowed: team)", OpenAiChat);
        await ProxyContractTests.AssertErrorAsync(backend, HttpStatusCode.BadRequest,
            "AI SpendOps: dims_policy violation: 'backend' is not an allowed value of 'team' (allowed: mobile, web)", OpenAiChat);
        await ProxyContractTests.AssertErrorAsync(mobile, HttpStatusCode.BadRequest,
            "AI SpendOps: dims_policy violation: 'mobile' is not an allowed value of 'team'", OpenAiChat);
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
    }

    [Fact]
    public async Task NoCatalogue_AnyDimension_IsAccepted()
    {
        var tenant = await fixture.EnsureTenantAsync("no-catalogue");
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);

        var response = await SendAsync(OpenAiChat, key.FullKey, "anything=goes,team=whatever");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CatalogueChange_ReachesTheRunningProxyWithinSeconds_BothWays()
    {
        var tenant = await fixture.EnsureTenantAsync("live-change");
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(AnthropicMessages, key.FullKey, null)).StatusCode);

        var clock = Stopwatch.StartNew();
        await fixture.WithDimsAsync(s => s.SetAsync(tenant.Id, new TenantDimensionInput("user", null, true, []), "test", CancellationToken.None));
        var rejected = await PollUntilAsync(() => SendAsync(AnthropicMessages, key.FullKey, null), r => r.StatusCode == HttpStatusCode.BadRequest);
        var tookToApply = clock.Elapsed;
        await fixture.WithDimsAsync(s => s.RemoveAsync(tenant.Id, "user", "test", CancellationToken.None));
        var accepted = await PollUntilAsync(() => SendAsync(AnthropicMessages, key.FullKey, null), r => r.StatusCode == HttpStatusCode.OK);

        await ProxyContractTests.AssertErrorAsync(rejected, HttpStatusCode.BadRequest, "AI SpendOps: require_dims violation", AnthropicMessages);
        Assert.True(tookToApply < TimeSpan.FromSeconds(5), $"took {tookToApply}");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    /// <summary>Saves an entry and waits until the proxy's cache has it, as a change made a few seconds before a call would be.</summary>
    private async Task SetAsync(Tenant tenant, string name, bool required = false, IReadOnlyList<string>? values = null)
    {
        await fixture.WithDimsAsync(s => s.SetAsync(tenant.Id, new TenantDimensionInput(name, null, required, values ?? []), "test", CancellationToken.None));
        var cache = fixture.App.Services.GetRequiredService<TenantDimsCache>();
        var deadline = Stopwatch.StartNew();
        while (!(cache.For(tenant.Id).Names.Contains(name) && cache.For(tenant.Id).Required.Contains(name) == required
                 && (cache.For(tenant.Id).ValuesOf(name)?.Count ?? 0) == (values?.Count ?? 0)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), $"The proxy did not pick up dimension '{name}' within 5 s.");
            await Task.Delay(20);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string key, string? dims)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\",\"max_tokens\":5,\"messages\":[]}", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PollUntilAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (done(response) || deadline.Elapsed > TimeSpan.FromSeconds(5))
                return response;
            await Task.Delay(50);
        }
    }
}
