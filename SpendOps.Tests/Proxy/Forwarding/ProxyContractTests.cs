using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Forwarding;

/// <summary>The product docs' troubleshooting table, row by row: status, exact text and the provider's error shape.</summary>
public sealed class ProxyContractTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private const string OpenAiChat = "/v1/openai/v1/chat/completions";
    private const string AnthropicMessages = "/v1/anthropic/v1/messages";
    private const string GeminiGenerate = "/v1/google/v1beta/models/gemini-2.5-flash:generateContent";

    public Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(OpenAiChat)]
    [InlineData(AnthropicMessages)]
    [InlineData(GeminiGenerate)]
    public async Task MissingKey_Returns403WithSeedMessageInProviderEnvelope(string path)
    {
        var response = await SendAsync(path, key: null);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Missing X-ASO-API-Key", path);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Theory]
    [InlineData("sk-ant-api03-not-ours")]
    [InlineData("aso_k_missingdot")]
    [InlineData("aso_x_abc.def")]
    [InlineData("aso_k_abc.sec ret")]
    public async Task KeyOfWrongShape_Returns403Format(string key)
    {
        var response = await SendAsync(AnthropicMessages, key);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Invalid X-ASO-API-Key (format)", AnthropicMessages);
    }

    [Fact]
    public async Task WellFormedUnknownKey_Returns403Unknown()
    {
        var response = await SendAsync(OpenAiChat, "aso_k_test.secret");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Invalid X-ASO-API-Key (unknown)", OpenAiChat);
    }

    [Fact]
    public async Task WrongSecretForKnownKey_Returns403Unknown()
    {
        var key = await fixture.CreateKeyAsync();

        var response = await SendAsync(OpenAiChat, $"aso_k_{key.Key.Id}.wrongsecret");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Invalid X-ASO-API-Key (unknown)", OpenAiChat);
    }

    [Fact]
    public async Task DisabledKey_Returns403Unknown()
    {
        var key = await fixture.CreateKeyAsync();
        await fixture.WithKeysAsync(s => s.SetStatusAsync(key.Key.Id, TenantScope.AllTenants, ApiKeyStatus.Disabled, "test", CancellationToken.None));

        var response = await PollUntilAsync(() => SendAsync(OpenAiChat, key.FullKey), r => r.StatusCode == HttpStatusCode.Forbidden);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Invalid X-ASO-API-Key (unknown)", OpenAiChat);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("team=backend")]
    public async Task MissingRequiredDimension_Returns400RequireDimsViolation(string? dims)
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequiredDims = ["user"] });

        var response = await SendAsync(AnthropicMessages, key.FullKey, dims);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "AI SpendOps: require_dims violation", AnthropicMessages);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task RequiredDimensionFromLiteLlmCustomerHeader_IsAccepted()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequiredDims = ["customer"] });

        var response = await SendAsync(AnthropicMessages, key.FullKey, extraHeaders: new() { ["x-litellm-customer-id"] = "claude-ishaan-local" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProviderOutsideAllowList_Returns403ProviderNotAllowed()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["openai"] });

        var response = await SendAsync(AnthropicMessages, key.FullKey);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Provider not allowed by API key policy", AnthropicMessages);
    }

    [Theory]
    [InlineData(OpenAiChat, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"gpt-4o\"}")]
    [InlineData(AnthropicMessages, "{\"model\":\"claude-opus-4-1\",\"max_tokens\":5,\"messages\":[]}")]
    [InlineData("/v1/google/v1beta/models/gemini-2.5-pro:generateContent", "{\"contents\":[]}")]
    public async Task ModelOutsideAllowList_Returns403ModelNotAllowed(string path, string body)
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedModels = ["gpt-4.1*", "claude-sonnet-*", "gemini-2.5-flash"] });

        var response = await SendAsync(path, key.FullKey, body: body);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Model not allowed by API key policy", path);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Theory]
    [InlineData(OpenAiChat, "{\"model\":\"gpt-4.1-2025-04-14\",\"messages\":[]}")]
    [InlineData(AnthropicMessages, "{\"max_tokens\":5,\"messages\":[],\"model\":\"claude-sonnet-4-5\"}")]
    [InlineData(GeminiGenerate, "{\"contents\":[]}")]
    public async Task ModelInsideAllowList_IsForwarded(string path, string body)
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedModels = ["gpt-4.1*", "claude-sonnet-*", "gemini-2.5-flash"] });

        var response = await SendAsync(path, key.FullKey, body: body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task ModelInMultipartField_IsCheckedAgainstAllowList()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedModels = ["gpt-4o-mini-transcribe"] });
        using var client = fixture.CreateClient();
        async Task<HttpResponseMessage> SendAsync(string model)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.wav" }, { new StringContent(model), "model" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/audio/transcriptions") { Content = form };
            request.Headers.Add("X-ASO-API-Key", key.FullKey);
            return await client.SendAsync(request);
        }

        var denied = await SendAsync("whisper-1");
        var allowed = await SendAsync("gpt-4o-mini-transcribe");

        await AssertErrorAsync(denied, HttpStatusCode.Forbidden, "AI SpendOps: Model not allowed by API key policy", OpenAiChat);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task PostWithoutReadableModel_IsRefusedByModelAllowList()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedModels = ["gpt-4.1"] });

        var response = await SendAsync(OpenAiChat, key.FullKey, body: "not json");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Model not allowed by API key policy", OpenAiChat);
    }

    [Theory]
    [InlineData("{\"model\":\"gpt-4.1\",\"temperature\":NaN,\"model\":\"gpt-4o\"}")]
    [InlineData("{\"model\":\"gpt-4.1\",\"messages\":[")]
    public async Task BodyTheProxyCannotReadOneWay_IsRefusedByModelAllowList(string body)
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedModels = ["gpt-4.1"] });

        var response = await SendAsync(OpenAiChat, key.FullKey, body: body);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "AI SpendOps: Model not allowed by API key policy", OpenAiChat);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task ModelWithBrokenUnicode_IsForwardedNotAServerError()
    {
        var key = await fixture.CreateKeyAsync();

        var response = await SendAsync(OpenAiChat, key.FullKey, body: "{\"model\":\"\\ud800\",\"messages\":[]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("team", "'team' is not name=value")]
    [InlineData("team=", "dimension 'team' has an empty value")]
    [InlineData("te am=x", "dimension name 'te am'")]
    [InlineData("team=a,team=b", "dimension 'team' is given twice")]
    public async Task MalformedDims_Returns400SayingWhatIsWrong(string dims, string expected)
    {
        var key = await fixture.CreateKeyAsync();

        var response = await SendAsync(OpenAiChat, key.FullKey, dims);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = ErrorMessage(await response.Content.ReadAsStringAsync(), OpenAiChat);
        Assert.StartsWith("AI SpendOps: Invalid X-ASO-Dims:", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task DimensionOutsideAllowedValues_Returns400DimsPolicy()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["backend", "web"], ["env"] = [] } });

        var wrongValue = await SendAsync(OpenAiChat, key.FullKey, "team=finance");
        var wrongName = await SendAsync(OpenAiChat, key.FullKey, "team=web,app=x");
        var fine = await SendAsync(OpenAiChat, key.FullKey, "team=web,env=anything");

        Assert.Equal(HttpStatusCode.BadRequest, wrongValue.StatusCode);
        Assert.Contains("'finance' is not an allowed value of 'team'", ErrorMessage(await wrongValue.Content.ReadAsStringAsync(), OpenAiChat));
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Contains("dimension 'app' is not allowed", ErrorMessage(await wrongName.Content.ReadAsStringAsync(), OpenAiChat));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task UnknownProvider_Returns404ListingKnownProviders()
    {
        var key = await fixture.CreateKeyAsync();

        var response = await SendAsync("/v1/acme/v1/chat/completions", key.FullKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var message = ErrorMessage(await response.Content.ReadAsStringAsync(), OpenAiChat);
        Assert.Contains("Unknown provider 'acme'", message);
        Assert.Contains("anthropic", message);
        Assert.True(response.Headers.Contains("X-ASO-Request-Id"));
    }

    [Fact]
    public async Task EveryResponse_CarriesRequestId()
    {
        var key = await fixture.CreateKeyAsync();

        var ok = await SendAsync(OpenAiChat, key.FullKey);
        var rejected = await SendAsync(OpenAiChat, key: null);

        var okId = Assert.Single(ok.Headers.GetValues("X-ASO-Request-Id"));
        var rejectedId = Assert.Single(rejected.Headers.GetValues("X-ASO-Request-Id"));
        Assert.StartsWith("aso_", okId);
        Assert.NotEqual(okId, rejectedId);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message, string path)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-ASO-Request-Id"));
        Assert.Equal(message, ErrorMessage(await response.Content.ReadAsStringAsync(), path));
    }

    /// <summary>Reads the message from the error shape of the provider the path belongs to, asserting the shape.</summary>
    internal static string ErrorMessage(string body, string path)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (path.Contains("/anthropic/", StringComparison.Ordinal))
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("error").GetProperty("type").GetString()));
            return root.GetProperty("error").GetProperty("message").GetString()!;
        }
        var error = root.GetProperty("error");
        if (path.Contains("/google/", StringComparison.Ordinal))
        {
            Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
            return error.GetProperty("message").GetString()!;
        }
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
        return error.GetProperty("message").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? key, string? dims = null, string? body = null, Dictionary<string, string>? extraHeaders = null)
    {
        using var client = fixture.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body ?? "{\"model\":\"gpt-4.1\",\"messages\":[]}", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (key is not null)
            request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        foreach (var (name, value) in extraHeaders ?? [])
            request.Headers.Add(name, value);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PollUntilAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var response = await send();
            if (done(response) || DateTime.UtcNow > deadline)
                return response;
            await Task.Delay(50);
        }
    }
}
