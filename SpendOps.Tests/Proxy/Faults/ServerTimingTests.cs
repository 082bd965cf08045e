using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// Every proxied answer says how long SpendOps itself took (<c>Server-Timing: aso;dur=…</c>), so a user can check the
/// overhead in production; a forwarded call also says how long the provider took to its headers.
/// </summary>
public sealed partial class ServerTimingTests(FaultsFixture fixture) : IClassFixture<FaultsFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ForwardedCall_SaysTheProxysTimeAndTheProvidersTime_AndKeepsTheProvidersOwnEntries()
    {
        var providerThinks = TimeSpan.FromMilliseconds(150);
        fixture.Upstream.Handler = async context =>
        {
            await Task.Delay(providerThinks);
            context.Response.Headers["Server-Timing"] = "cfRequestDuration;dur=12.5";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ok\":true}");
        };

        var watch = Stopwatch.StartNew();
        using var response = await SendAsync(key.FullKey);
        var clientSaw = watch.Elapsed.TotalMilliseconds;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = Entries(response);
        Assert.Equal(12.5, entries["cfRequestDuration"]);
        // A timer may fire a hair early; the provider still took about this long.
        Assert.InRange(entries["upstream"], providerThinks.TotalMilliseconds - 5, clientSaw);
        Assert.InRange(entries["aso"], 0, clientSaw - entries["upstream"]);
    }

    [Fact]
    public async Task RefusedCall_SaysTheProxysTimeToo()
    {
        using var response = await SendAsync(ApiKeyFormat.Compose(ApiKeyFormat.NewId(), ApiKeyFormat.NewSecret()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entries = Entries(response);
        Assert.True(entries.ContainsKey("aso"), "A refused call has no Server-Timing aso entry.");
        Assert.False(entries.ContainsKey("upstream"));
        Assert.Empty(fixture.Upstream.Requests);
    }

    private async Task<HttpResponseMessage> SendAsync(string apiKey)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", apiKey);
        return await client.SendAsync(request);
    }

    /// <summary>Each entry's name and <c>dur</c>, from however many header fields carry them.</summary>
    private static Dictionary<string, double> Entries(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Server-Timing", out var fields), "The response has no Server-Timing header.");
        return string.Join(",", fields).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => (Name: entry.Split(';')[0], Duration: DurationPattern().Match(entry)))
            .ToDictionary(e => e.Name, e => double.Parse(e.Duration.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"dur=([0-9.]+)")]
    private static partial Regex DurationPattern();
}
