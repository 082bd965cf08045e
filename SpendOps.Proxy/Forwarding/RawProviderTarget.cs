using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The provider path and query exactly as the client sent them, taken from the raw request target. The decoded
/// <see cref="HttpRequest.Path"/> cannot be re-encoded faithfully (<c>%2F</c> would reach the provider as
/// <c>%252F</c>, an escaped letter as the letter), so the upstream request is built from these bytes instead.
/// </summary>
internal sealed class RawProviderTarget
{
    private RawProviderTarget(Uri address) => Address = address;

    /// <summary>The provider's base URL followed by the client's bytes after <c>/v1/{provider}</c>, left uncanonicalized.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Null when the raw target cannot be forwarded as sent: it has dot segments (which the server resolved
    /// before routing, so the raw bytes name a different path than the one checked) or is not a plain
    /// <c>/v1/{provider}/...</c> path.
    /// </summary>
    public static RawProviderTarget? Read(HttpContext context, string provider, string baseUrl)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (!raw.StartsWith('/'))
            raw = StripSchemeAndAuthority(raw);
        if (raw is null)
            return null;

        if (raw.Contains('#'))
            return null;
        var queryStart = raw.IndexOf('?');
        var path = queryStart < 0 ? raw.AsSpan() : raw.AsSpan(0, queryStart);
        // Segment 0 is the empty string before the leading '/'; then v1 and the provider. Spans, not Split: every call.
        int index = 0, providerPathStart = -1;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if ((index == 1 && !IsSegment(segment, "v1")) || (index == 2 && !IsSegment(segment, provider)) || IsDotSegment(segment))
                return null;
            if (index == 2)
                providerPathStart = range.End.Value;
            index++;
        }
        if (providerPathStart < 0)
            return null;
        var pathAndQuery = raw.AsSpan(providerPathStart);
        var address = baseUrl.EndsWith('/') && pathAndQuery.StartsWith('/') ? string.Concat(baseUrl, pathAndQuery[1..]) : string.Concat(baseUrl, pathAndQuery);
        return Uri.TryCreate(address, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out var uri)
            ? new RawProviderTarget(uri)
            : null;
    }

    private static bool IsSegment(ReadOnlySpan<char> raw, string expected) =>
        Unescaped(raw).Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsDotSegment(ReadOnlySpan<char> raw) => Unescaped(raw) is "." or "..";

    /// <summary>The segment's text; a new string only when it has escapes (rarely: SDKs send plain paths).</summary>
    private static ReadOnlySpan<char> Unescaped(ReadOnlySpan<char> raw) => raw.Contains('%') ? Uri.UnescapeDataString(raw.ToString()) : raw;

    /// <summary>An absolute-form target (<c>http://host/v1/...</c>), as sent to a forward proxy.</summary>
    private static string? StripSchemeAndAuthority(string raw)
    {
        var scheme = raw.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
            return null;
        var pathStart = raw.IndexOf('/', scheme + 3);
        return pathStart < 0 ? null : raw[pathStart..];
    }
}
