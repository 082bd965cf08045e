using System.Diagnostics;
using System.Net;
using System.Text;

namespace SpendOps.Tests.Infrastructure;

/// <summary>Calls the proxy the way an OpenAI client would, and waits for key changes to reach it.</summary>
public static class ProxyProbe
{
    /// <summary>How long a key change may take to reach the proxy: the product promises "within seconds".</summary>
    public static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    public static async Task<HttpResponseMessage> ChatAsync(SpendOpsAppFactory app, string key, string? dims = null, string model = "gpt-4.1")
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{Canaries.Prompt}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer " + Canaries.OpenAiApiKey);
        request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Repeats <paramref name="call"/> until it answers <paramref name="expected"/>; fails after <see cref="Promise"/>.</summary>
    public static async Task<HttpResponseMessage> WaitForStatusAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await call();
            if (response.StatusCode == expected)
                return response;
            if (clock.Elapsed > Promise)
                Assert.Fail($"Expected {(int)expected} within {Promise.TotalSeconds} s, still {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            // Polling an HTTP endpoint, not waiting on the browser: the key cache refreshes on its own timer.
            await Task.Delay(50);
        }
    }
}
