using System.Diagnostics.CodeAnalysis;

namespace SpendOps.Core.Keys;

/// <summary>The <c>aso_k_{id}.{secret}</c> proxy key that users paste into the <c>X-ASO-API-Key</c> header.</summary>
public static class ApiKeyFormat
{
    public const string Prefix = "aso_k_";
    public const int MaxIdLength = KeyFormat.MaxIdLength;
    private static readonly KeyFormat Format = new(Prefix, 'k');

    public static string NewId() => Format.NewId();

    public static string NewSecret() => KeyFormat.NewSecret();

    public static string Compose(string id, string secret) => Format.Compose(id, secret);

    public static bool TryParse(ReadOnlySpan<char> key, [NotNullWhen(true)] out string? id, out ReadOnlySpan<char> secret) =>
        Format.TryParse(key, out id, out secret);
}
