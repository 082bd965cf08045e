using System.Security.Cryptography;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Security headers for the portal's pages (never for <c>/v1</c> proxy responses, which are the provider's own, nor
/// for the ingest API). The Content-Security-Policy allows what Blazor Server and MudBlazor need: scripts from this
/// origin (and the inline import map, by nonce), inline styles (MudBlazor sets style attributes), and the circuit's
/// WebSocket.
/// </summary>
internal static class PortalSecurityHeaders
{
    private const string NonceKey = "SpendOps.CspNonce";

    public static IApplicationBuilder UseSpendOpsSecurityHeaders(this IApplicationBuilder app) => app.Use(next => context =>
    {
        // Hex, a subset of the nonce grammar: base64's '+' is written as an HTML entity in the page's attribute.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>The nonce that lets this response's own inline script (the import map) run.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    private static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; " +
        "frame-ancestors 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "object-src 'none'";
}
