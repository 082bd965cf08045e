using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>The portal's key test answers exactly like the proxy: same status, same body, without calling the provider.</summary>
public sealed class ProxyDryRunTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private static readonly KeyPolicy Policy = new()
    {
        AllowedProviders = ["openai", "anthropic"],
        AllowedModels = ["gpt-4.1*", "claude-*"],
        RequiredDims = ["team"],
        AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["team"] = [], ["env"] = ["prod"] },
    };

    public Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("openai", "/v1/chat/completions", "gpt-4.1", "team=backend")]
    [InlineData("anthropic", "/v1/messages", "claude-sonnet-4-5", "team=backend,env=prod")]
    [InlineData("google", "/v1beta/models/gemini-2.5-flash:generateContent", null, "team=backend")]
    [InlineData("openai", "/v1/chat/completions", "gpt-4.1", null)]
    [InlineData("openai", "/v1/chat/completions", "gpt-4.1", "team=backend,env=dev")]
    [InlineData("openai", "/v1/chat/completions", "gpt-4.1", "team=backend,project=x")]
    [InlineData("openai", "/v1/chat/completions", "gpt-4.1", "team=backend,broken")]
    [InlineData("openai", "/v1/chat/completions", "o3", "team=backend")]
    [InlineData("openai", "/v1/chat/completions", null, "team=backend")]
    [InlineData("anthropic", "/v1/messages", "claude-sonnet-4-5", "team=a,team=b")]
    [InlineData("nope", "/v1/chat/completions", "gpt-4.1", "team=backend")]
    public async Task EvaluateAsync_SameCallAsProxy_SameAnswer(string provider, string path, string? model, string? dims)
    {
        var key = await fixture.CreateKeyAsync(Policy);
        var tenantId = key.Key.TenantId;
        var request = new DryRunRequest(tenantId, key.Key.Id, provider, path, model, dims) { FullKey = key.FullKey };

        var dryRun = await EvaluateAsync(request);
        var requestsBefore = fixture.Upstream.Requests.Count;
        var real = await SendAsync(provider, path, model, dims, key.FullKey);
        var realBody = await real.Content.ReadAsStringAsync();

        if (dryRun.Forwarded)
        {
            Assert.Equal(HttpStatusCode.OK, real.StatusCode);
            Assert.Equal($"{fixture.Upstream.BaseUrl}{path}", dryRun.ForwardedTo);
            Assert.Equal(requestsBefore + 1, fixture.Upstream.Requests.Count);
        }
        else
        {
            Assert.Equal((int)real.StatusCode, dryRun.Error!.Status);
            Assert.Equal(realBody, dryRun.ErrorBody);
            Assert.Equal(requestsBefore, fixture.Upstream.Requests.Count);
        }
    }

    [Fact]
    public async Task EvaluateAsync_KeyIdOnly_DoesNotCheckSecretOrCallProvider()
    {
        var key = await fixture.CreateKeyAsync(KeyPolicy.Unrestricted);

        var result = await EvaluateAsync(new DryRunRequest(key.Key.TenantId, key.Key.Id, "openai", "/v1/chat/completions", "gpt-4.1", "team=a"));

        Assert.True(result.Forwarded);
        Assert.False(result.SecretChecked);
        Assert.Equal("a", result.Dims["team"]);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task EvaluateAsync_WrongSecret_403Unknown()
    {
        var key = await fixture.CreateKeyAsync(KeyPolicy.Unrestricted);

        var result = await EvaluateAsync(new DryRunRequest(key.Key.TenantId, key.Key.Id, "openai", "/v1/chat/completions", "gpt-4.1", null)
        {
            FullKey = $"aso_k_{key.Key.Id}.not-the-secret",
        });

        Assert.Equal(403, result.Error!.Status);
        Assert.Equal(ProxyMessages.InvalidKeyUnknown, result.Error.Message);
        Assert.True(result.SecretChecked);
    }

    [Fact]
    public async Task EvaluateAsync_DisabledKeyById_403UnknownWithoutWaitingForCache()
    {
        var key = await fixture.CreateKeyAsync(KeyPolicy.Unrestricted);
        await fixture.WithKeysAsync(s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));

        var result = await EvaluateAsync(new DryRunRequest(key.Key.TenantId, key.Key.Id, "openai", "/v1/chat/completions", "gpt-4.1", null));

        Assert.Equal(ProxyMessages.InvalidKeyUnknown, result.Error!.Message);
    }

    [Fact]
    public async Task EvaluateAsync_KeyOfAnotherTenant_403UnknownLikeAMissingKey()
    {
        var other = await fixture.CreateKeyAsync(KeyPolicy.Unrestricted, tenant: "dry-run-other");
        var mine = await fixture.EnsureTenantAsync("default");

        var byId = await EvaluateAsync(new DryRunRequest(mine.Id, other.Key.Id, "openai", "/v1/chat/completions", "gpt-4.1", null));
        var byFullKey = await EvaluateAsync(new DryRunRequest(mine.Id, "", "openai", "/v1/chat/completions", "gpt-4.1", null) { FullKey = other.FullKey });

        Assert.Equal(ProxyMessages.InvalidKeyUnknown, byId.Error!.Message);
        Assert.Equal(ProxyMessages.InvalidKeyUnknown, byFullKey.Error!.Message);
    }

    [Fact]
    public async Task EvaluateAsync_MalformedFullKey_403Format()
    {
        var tenant = await fixture.EnsureTenantAsync("default");

        var result = await EvaluateAsync(new DryRunRequest(tenant.Id, "", "anthropic", "/v1/messages", "claude-sonnet-4-5", null) { FullKey = "sk-ant-api03-oops" });

        Assert.Equal(ProxyMessages.InvalidKeyFormat, result.Error!.Message);
        Assert.Contains("\"type\":\"error\"", result.ErrorBody);
    }

    private Task<DryRunResult> EvaluateAsync(DryRunRequest request) =>
        fixture.App.Services.GetRequiredService<ProxyDryRun>().EvaluateAsync(request, CancellationToken.None);

    private async Task<HttpResponseMessage> SendAsync(string provider, string path, string? model, string? dims, string key)
    {
        using var client = fixture.CreateClient();
        var body = model is null ? "{\"contents\":[]}" : $$"""{"model":"{{model}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/{provider}{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ProxyHeaders.ApiKey, key);
        if (dims is not null)
            request.Headers.Add(ProxyHeaders.Dims, dims);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
