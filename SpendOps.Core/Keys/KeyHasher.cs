using System.Security.Cryptography;
using System.Text;

namespace SpendOps.Core.Keys;

/// <summary>
/// Hashes key secrets. Secrets are 40 random characters (about 238 bits), so a fast hash is enough: there
/// is nothing to brute-force, and the proxy checks a hash on every request.
/// </summary>
public static class KeyHasher
{
    public static string Hash(string keyId, ReadOnlySpan<char> secret)
    {
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(keyId.Length + 1 + secret.Length)];
        var length = Encoding.UTF8.GetBytes(keyId, input);
        input[length++] = (byte)'.';
        length += Encoding.UTF8.GetBytes(secret, input[length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..length], hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool Verify(string keyId, ReadOnlySpan<char> secret, string expectedHash)
    {
        var actual = Hash(keyId, secret);
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expectedHash.AsSpan()));
    }
}
