using Microsoft.Extensions.Primitives;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// The one key a request presents. Two <c>X-ASO-API-Key</c> fields, or one field holding a comma-separated list,
/// present no key at all: authenticating as whichever of them happens to be valid would let a client borrow a key
/// it merely guessed alongside its own. The same key repeated (a header set twice by layered config) is one key.
/// </summary>
internal static class PresentedKey
{
    /// <summary>False when the header holds more than one distinct value; <paramref name="key"/> is null when it holds none.</summary>
    public static bool TryRead(StringValues header, out string? key)
    {
        key = null;
        foreach (var field in header)
        {
            if (string.IsNullOrWhiteSpace(field))
                continue;
            foreach (var part in field.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (key is not null && !string.Equals(key, part, StringComparison.Ordinal))
                {
                    key = null;
                    return false;
                }
                key = part;
            }
        }
        return true;
    }
}
