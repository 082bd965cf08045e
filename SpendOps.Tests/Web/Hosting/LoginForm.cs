using System.Net;
using System.Text.RegularExpressions;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// Signs in through the real login form with cookies handled by hand, so that extra headers (X-Forwarded-*) go on both
/// requests and a <c>Secure</c> antiforgery cookie still comes back over plain HTTP, as a browser behind TLS would send it.
/// </summary>
internal static partial class LoginForm
{
    public const string IdentityCookie = ".AspNetCore.Identity.Application";

    /// <summary>The answer to the login POST (a redirect with the sign-in cookie when it worked).</summary>
    public static async Task<HttpResponseMessage> PostAsync(Uri baseAddress, string email, string password, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        Add(get, headers);
        using var form = await client.SendAsync(get);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var cookies = string.Join("; ", SetCookies(form).Select(c => c.Split(';')[0]));

        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        Add(post, headers);
        return await client.SendAsync(post);
    }

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>The whole <c>Set-Cookie</c> line of the sign-in cookie (name, value and attributes).</summary>
    public static string IdentitySetCookie(HttpResponseMessage response) =>
        SetCookies(response).SingleOrDefault(c => c.StartsWith(IdentityCookie + "=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No sign-in cookie: the login answered {(int)response.StatusCode}.");

    private static void Add(HttpRequestMessage request, IReadOnlyDictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
