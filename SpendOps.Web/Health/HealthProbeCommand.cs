namespace SpendOps.Web.Health;

/// <summary>
/// <c>dotnet SpendOps.Web.dll healthcheck [url]</c>: asks a running server's <c>/healthz</c> and exits 0 when it answers
/// 200, 1 otherwise. For container health checks: the ASP.NET runtime image has neither curl nor wget.
/// </summary>
internal static class HealthProbeCommand
{
    public const string Name = "healthcheck";
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            await output.WriteLineAsync($"error: '{url}' is not an http(s) URL.");
            return 2;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(address);
            await output.WriteLineAsync($"{(int)response.StatusCode} from {address}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"unreachable: {address} ({ex.GetBaseException().Message})");
            return 1;
        }
    }
}
