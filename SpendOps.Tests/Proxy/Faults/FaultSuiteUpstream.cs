using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// The fake provider's behaviour for the fault suite, chosen per call by the query (<c>?fault=…&amp;call=…</c>),
/// so that many different faults run at once against one host. Answers are OpenAI chat streams whose usage
/// (fixture openai-chat.sse: 1540 prompt tokens of which 1024 cached, 12 completion tokens) the proxy must record.
/// </summary>
public sealed class FaultSuiteUpstream
{
    public static readonly byte[] Stream = FixtureFiles.Bytes("providers/openai-chat.sse");

    /// <summary>A stream whose second event carries several MB of content in one <c>data:</c> line.</summary>
    public static readonly byte[] GiantStream = BuildGiantStream(6 * 1024 * 1024);

    public static readonly byte[] GzipStream = UpstreamFaults.Encode("gzip", Stream);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new();

    /// <summary>Completes when the provider has received call <paramref name="call"/> (its whole request).</summary>
    public Task Arrived(string call) => arrivals.GetOrAdd(call, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task HandleAsync(HttpContext context)
    {
        var call = context.Request.Query["call"].ToString();
        arrivals.GetOrAdd(call, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var response = context.Response;
        switch (context.Request.Query["fault"].ToString())
        {
            case "reset-before-headers":
                context.Abort();
                return;
            case "reset-mid-body":
                response.ContentType = "application/json";
                response.ContentLength = 1000;
                await response.Body.WriteAsync("{\"id\":\"chatcmpl-1\",\"usage\":{\"prompt_"u8.ToArray());
                await response.Body.FlushAsync();
                context.Abort();
                return;
            case "reset-mid-stream":
                await StartStreamAsync(response);
                await WriteAsync(response, Stream.AsMemory(0, Stream.Length / 2));
                context.Abort();
                return;
            case "stall-before-headers":
            case "abort-before-headers":
                await WaitUntilAbortedAsync(context);
                return;
            case "stall-mid-stream":
                await StartStreamAsync(response);
                await WriteAsync(response, Stream.AsMemory(0, Stream.Length / 2));
                await WaitUntilAbortedAsync(context);
                return;
            case "drip":
                await StartStreamAsync(response);
                for (var i = 0; i < Stream.Length; i++)
                {
                    await WriteAsync(response, Stream.AsMemory(i, 1));
                    await Task.Delay(2, CancellationToken.None);
                }
                return;
            case "giant":
                await StartStreamAsync(response);
                for (var offset = 0; offset < GiantStream.Length; offset += 256 * 1024)
                    await WriteAsync(response, GiantStream.AsMemory(offset, Math.Min(256 * 1024, GiantStream.Length - offset)));
                return;
            case "gzip":
                await StartStreamAsync(response);
                response.Headers.ContentEncoding = "gzip";
                for (var offset = 0; offset < GzipStream.Length; offset += 97)
                    await WriteAsync(response, GzipStream.AsMemory(offset, Math.Min(97, GzipStream.Length - offset)));
                return;
            case "endless":
                await StartStreamAsync(response);
                await EndlessAsync(context);
                return;
            default:
                await StartStreamAsync(response);
                foreach (var line in SplitEvents(Stream))
                    await WriteAsync(response, line);
                return;
        }
    }

    private static Task StartStreamAsync(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        return Task.CompletedTask;
    }

    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes)
    {
        await response.Body.WriteAsync(bytes);
        await response.Body.FlushAsync();
    }

    /// <summary>Content events every few ms until the client (through the proxy) goes away.</summary>
    private static async Task EndlessAsync(HttpContext context)
    {
        var events = SplitEvents(Stream);
        try
        {
            await WriteAsync(context.Response, events[0]);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await WriteAsync(context.Response, events[1]);
                await Task.Delay(5, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    private static async Task WaitUntilAbortedAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static List<ReadOnlyMemory<byte>> SplitEvents(byte[] stream)
    {
        var events = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        for (var i = 0; i + 1 < stream.Length; i++)
        {
            if (stream[i] == '\n' && stream[i + 1] == '\n')
            {
                events.Add(stream.AsMemory(start, i + 2 - start));
                start = i + 2;
            }
        }
        if (start < stream.Length)
            events.Add(stream.AsMemory(start));
        return events;
    }

    private static byte[] BuildGiantStream(int contentLength)
    {
        var events = SplitEvents(Stream);
        var giant = $"data: {{\"id\":\"chatcmpl-giant\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{new string('x', contentLength)}\"}},\"finish_reason\":null}}],\"usage\":null}}\n\n";
        return [.. events[0].ToArray(), .. Encoding.UTF8.GetBytes(giant), .. events.Skip(1).SelectMany(e => e.ToArray())];
    }
}
