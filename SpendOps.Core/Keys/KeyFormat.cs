using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SpendOps.Core.Keys;

/// <summary>
/// The <c>{prefix}{id}.{secret}</c> shape shared by proxy keys and ingest keys. The id lets a key be found
/// without scanning hashes; only a hash of the secret is ever stored.
/// </summary>
public sealed class KeyFormat(string prefix, char idLetter)
{
    public const int MaxIdLength = 64;
    private const int MaxSecretLength = 256;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public string Prefix => prefix;

    public string NewId() => idLetter + RandomNumberGenerator.GetString(IdAlphabet, 11);

    /// <summary>40 random characters, about 238 bits.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    public string Compose(string id, string secret) => $"{prefix}{id}.{secret}";

    /// <summary>Splits a presented key into id and secret; false when the shape is wrong.</summary>
    public bool TryParse(ReadOnlySpan<char> key, [NotNullWhen(true)] out string? id, out ReadOnlySpan<char> secret)
    {
        id = null;
        secret = default;
        key = key.Trim();
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var rest = key[prefix.Length..];
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
