using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// Proxy clients for the durability tests, and what the database holds afterwards. A call counts as answered once the
/// client has read a complete 200 (the whole JSON body, or the event stream to its end); its request id comes from the
/// proxy's <c>X-ASO-Request-Id</c> response header.
/// </summary>
internal sealed class DurabilityLoad(Uri proxy, string key, TimeSpan pause = default)
{
    public ConcurrentBag<string> Answered { get; } = [];

    /// <summary>What the test is doing (named in failure messages).</summary>
    public string Phase { get; set; } = "load";

    /// <summary>Answers other than 200 that the proxy itself produced (status and body), and calls that failed outright.</summary>
    public ConcurrentBag<string> Failures { get; } = [];

    /// <summary>Streams and non-streamed calls from <paramref name="clients"/> clients until stopped.</summary>
    public Task RunAsync(int clients, CancellationToken stop, bool failuresExpected) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(client % 2 == 0, stop, failuresExpected))));

    private async Task ClientAsync(bool stream, CancellationToken stop, bool failuresExpected)
    {
        using var http = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromMinutes(2) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await CallAsync(http, stream);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // Expected only when the process is killed under the call: it was never answered.
                if (failuresExpected)
                    await Task.Delay(20, CancellationToken.None);
                else
                    Failures.Add(ex.GetType().Name + ": " + ex.Message);
            }
            stream = !stream;
            if (pause > TimeSpan.Zero)
                await Task.Delay(pause, CancellationToken.None);
        }
    }

    private async Task CallAsync(HttpClient http, bool stream)
    {
        // The query tells the fake provider which answer to give (it has read the body before its handler runs).
        using var request = new HttpRequestMessage(HttpMethod.Post, stream ? "/v1/openai/v1/chat/completions?fake=stream" : "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent(stream ? "{\"model\":\"gpt-4.1\",\"stream\":true}" : "{\"model\":\"gpt-4.1\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Failures.Add($"{(int)response.StatusCode}: {body}");
            return;
        }
        if (stream && !body.Contains("data: [DONE]", StringComparison.Ordinal))
        {
            // A clean end without the last event: a cut stream the client could mistake for a whole one.
            Failures.Add($"the event stream ended before its last event ({Phase}, {body.Length} bytes)");
            return;
        }
        Answered.Add(response.Headers.GetValues("X-ASO-Request-Id").Single());
    }

    /// <summary>The fake provider: a JSON answer with its length, as providers send it, or an event stream.</summary>
    public static Func<Microsoft.AspNetCore.Http.HttpContext, Task> Provider()
    {
        var json = FixtureFiles.Replay("providers/openai-chat.json", response => response.ContentLength = FixtureFiles.Bytes("providers/openai-chat.json").Length);
        var events = FixtureFiles.Replay("providers/openai-chat.sse");
        return context => context.Request.Query["fake"] == "stream" ? events(context) : json(context);
    }

    /// <summary>Migrates the database and makes a key of the default tenant, with the in-process host.</summary>
    public static async Task<string> PrepareAsync(TestDatabase database, string upstreamBaseUrl)
    {
        await using var app = new SpendOpsAppFactory(database, upstreamBaseUrl).Start();
        return await CreateKeyAsync(app);
    }

    public static async Task<string> CreateKeyAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant!.Id, "durability", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        return created.FullKey;
    }

    /// <summary>Every stored request id, as many times as it is stored.</summary>
    public static async Task<List<string>> StoredRequestIdsAsync(TestDatabase database)
    {
        await using DbConnection connection = database.Provider == "Postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"RequestId\" FROM \"UsageRecords\"";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Waits (generously) until every answered call is stored, then checks that none is stored twice.</summary>
    public async Task AssertEveryAnsweredCallStoredOnceAsync(TestDatabase database, Func<bool> drained)
    {
        var expected = Answered.ToHashSet();
        Assert.Equal(Answered.Count, expected.Count);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        List<string> stored;
        while (true)
        {
            stored = await StoredRequestIdsAsync(database);
            if ((expected.IsSubsetOf(stored) && drained()) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }
        Assert.Empty(expected.Except(stored));
        Assert.Empty(stored.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
