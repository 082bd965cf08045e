using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>A provider that answers with headers and then thinks for a while: the client sees the headers at once.</summary>
public sealed class ResponseHeaderTests(FaultsFixture fixture) : IClassFixture<FaultsFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HeadersThenSilence_ClientGetsHeadersBeforeAnyBodyByte()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodyStarted = false;
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["x-request-id"] = "req_slow";
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            // Waits for the client to have the headers, or 2 s (then the body comes anyway and the test fails).
            await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(2)));
            Volatile.Write(ref bodyStarted, true);
            await context.Response.WriteAsync("data: {\"done\":true}\n\n");
        };
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\",\"stream\":true}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var headersBeforeBody = !Volatile.Read(ref bodyStarted);
        release.SetResult();
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(headersBeforeBody, "The response headers only reached the client together with the body.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: {\"done\":true}\n\n", body);
    }
}
