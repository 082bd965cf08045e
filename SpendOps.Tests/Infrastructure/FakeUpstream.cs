using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// Stands in for the AI providers: a real Kestrel server on a loopback port that records every request and
/// answers with whatever the test sets in <see cref="Handler"/> (by default a small JSON body).
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeUpstream(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers requests; replace it per test.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = DefaultHandler;

    /// <summary>Completed when a request's connection was aborted by the other side (the proxy).</summary>
    public TaskCompletionSource RequestAborted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return upstream;
    }

    public RecordedRequest LastRequest => Requests.LastOrDefault() ?? throw new InvalidOperationException("The fake provider received no request.");

    public void Reset()
    {
        Requests.Clear();
        Handler = DefaultHandler;
        RequestAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.ToArray(), rawTarget));
        var aborted = RequestAborted;
        context.RequestAborted.Register(() => aborted.TrySetResult());
        await Handler(context);
    }

    private static Task DefaultHandler(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"ok\":true}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
