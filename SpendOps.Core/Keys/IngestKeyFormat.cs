using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SpendOps.Core.Keys;

/// <summary>
/// The <c>ss_live_{id}.{secret}</c> ingest key format. The setup guide users follow says keys "usually start
/// with ss_live_", so the prefix is kept; the id lets the ingest find the row without scanning hashes.
/// </summary>
public static class IngestKeyFormat
{
    public const string Prefix = "ss_live_";
    public const int MaxIdLength = 64;
    private const int MaxSecretLength = 256;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string NewId() => "i" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 11);

    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, 40);

    public static string Compose(string id, string secret) => $"{Prefix}{id}.{secret}";

    /// <summary>Splits a presented key into id and secret; false when the shape is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, [NotNullWhen(true)] out string? id, out ReadOnlySpan<char> secret)
    {
        id = null;
        secret = default;
        key = key.Trim();
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var rest = key[Prefix.Length..];
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot > MaxIdLength || dot == rest.Length - 1 || rest.Length - dot - 1 > MaxSecretLength)
            return false;
        var idPart = rest[..dot];
        var secretPart = rest[(dot + 1)..];
        if (!IsTokenChars(idPart) || !IsTokenChars(secretPart))
            return false;
        id = idPart.ToString();
        secret = secretPart;
        return true;
    }

    private static bool IsTokenChars(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
                return false;
        }
        return true;
    }
}
