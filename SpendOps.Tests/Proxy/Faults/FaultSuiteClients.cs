using System.Net.Sockets;
using System.Text;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// The clients of the fault suite: each call posts a chat stream whose model is the call's name (which the
/// provider receives and the usage record stores) and says in its query how the fake provider should misbehave.
/// </summary>
public sealed class FaultSuiteClients(FaultSuiteFixture fixture, string apiKey) : IDisposable
{
    private const string Chat = "/v1/openai/v1/chat/completions";

    /// <summary>A guard against a hang, not an assertion about speed.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private readonly HttpClient client = NewClient(fixture);

    public void Dispose() => client.Dispose();

    private static HttpClient NewClient(FaultSuiteFixture fixture)
    {
        var client = fixture.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    private HttpRequestMessage Request(string call, string fault)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Chat}?fault={fault}&call={call}")
        {
            Content = new StringContent($"{{\"model\":\"{call}\",\"stream\":true,\"messages\":[]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", apiKey);
        return request;
    }

    /// <summary>Makes the call and reads the whole answer; the body is null when the stream broke off.</summary>
    public async Task<FaultOutcome> CallAsync(string call, string fault)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await client.SendAsync(Request(call, fault), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        var requestId = response.Headers.TryGetValues("X-ASO-Request-Id", out var ids) ? ids.Single() : null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(guard.Token);
            return new FaultOutcome(call, fault, (int)response.StatusCode, requestId, body);
        }
        catch (HttpRequestException) when (!guard.IsCancellationRequested)
        {
            return new FaultOutcome(call, fault, (int)response.StatusCode, requestId, null);
        }
        catch (IOException) when (!guard.IsCancellationRequested)
        {
            return new FaultOutcome(call, fault, (int)response.StatusCode, requestId, null);
        }
    }

    /// <summary>Sends the head and part of the body, then resets the connection.</summary>
    public async Task<FaultOutcome> AbortWhileSendingAsync(string call)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"model\":\"{call}\",\"stream\":true,\"messages\":[");
        using var guard = new CancellationTokenSource(HangGuard);
        using var socket = new TcpClient();
        await socket.ConnectAsync(fixture.App.BaseAddress.Host, fixture.App.BaseAddress.Port, guard.Token);
        var head = $"POST {Chat}?fault=stream&call={call} HTTP/1.1\r\nHost: proxy.test\r\nContent-Type: application/json\r\n" +
            $"X-ASO-API-Key: {apiKey}\r\nContent-Length: {body.Length + 1000}\r\n\r\n";
        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), guard.Token);
        await socket.GetStream().WriteAsync(body, guard.Token);
        await socket.GetStream().FlushAsync(guard.Token);
        socket.Client.LingerState = new LingerOption(true, 0);
        socket.Close();
        return new FaultOutcome(call, "abort-while-sending", null, null, null);
    }

    /// <summary>Gives up once the provider has the request, before any answer came back.</summary>
    public async Task<FaultOutcome> AbortBeforeHeadersAsync(string call)
    {
        using var giveUp = new CancellationTokenSource();
        var sending = client.SendAsync(Request(call, "abort-before-headers"), HttpCompletionOption.ResponseHeadersRead, giveUp.Token);
        await fixture.Faults.Arrived(call).WaitAsync(HangGuard);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        return new FaultOutcome(call, "abort-before-headers", null, null, null);
    }

    /// <summary>Reads the first <paramref name="events"/> events of an endless stream, then drops the connection.</summary>
    public async Task<FaultOutcome> AbortMidStreamAsync(string call, int events)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        string? requestId;
        using (var response = await client.SendAsync(Request(call, "endless"), HttpCompletionOption.ResponseHeadersRead, guard.Token))
        {
            Assert.Equal(200, (int)response.StatusCode);
            requestId = response.Headers.GetValues("X-ASO-Request-Id").Single();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
            for (var read = 0; read < events;)
            {
                var line = await reader.ReadLineAsync(guard.Token) ?? throw new IOException("The stream ended before the client gave up.");
                if (line.StartsWith("data:", StringComparison.Ordinal))
                    read++;
            }
        }
        return new FaultOutcome(call, "abort-mid-stream", null, requestId, null);
    }
}
