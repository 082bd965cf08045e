using Microsoft.AspNetCore.Http;

namespace SpendOps.Tests.Infrastructure;

/// <summary>Reads the repository's fixture files and replays them from the fake provider.</summary>
public static class FixtureFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Answers with the fixture as it is, as JSON or (for <c>.sse</c>) as an event stream sent event by event.</summary>
    public static Func<HttpContext, Task> Replay(string relative, Action<HttpResponse>? headers = null) => async context =>
    {
        var bytes = Bytes(relative);
        headers?.Invoke(context.Response);
        if (!relative.EndsWith(".sse", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(bytes);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        foreach (var chunk in text.Split("\n\n", StringSplitOptions.None))
        {
            if (chunk.Length == 0)
                continue;
            await context.Response.WriteAsync(chunk + "\n\n");
            await context.Response.Body.FlushAsync();
        }
    };
}
