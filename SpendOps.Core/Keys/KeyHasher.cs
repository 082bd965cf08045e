using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SpendOps.Core.Keys;

/// <summary>
/// Hashes key secrets with HMAC-SHA256 under a server secret that is not in the database (see
/// <see cref="KeyHashSecret"/>), so a copy of the database alone cannot be used to check guesses. Secrets are 40
/// random characters (about 238 bits), so a fast hash is enough, and the proxy checks one on every request.
/// </summary>
/// <remarks>
/// The stored value is <c>h1:</c> + HMAC(server secret, SHA-256 hex of <c>{id}.{secret}</c>). Hashing the older
/// plain SHA-256 value, rather than the secret itself, is what lets rows stored before the server secret existed be
/// upgraded without their secrets (<see cref="KeyHashUpgrade"/>).
/// </remarks>
public sealed class KeyHasher(KeyHashSecret serverSecret)
{
    public const string Scheme = "h1:";

    /// <summary>Column length: the scheme and 64 hex digits, with room for a longer scheme name.</summary>
    public const int StoredLength = 80;
    private const string CheckInput = "spendops key hash check";

    public string Hash(string keyId, ReadOnlySpan<char> secret) => FromLegacy(LegacyHash(keyId, secret));

    public bool Verify(string keyId, ReadOnlySpan<char> secret, string storedHash)
    {
        // A row still in the old scheme is refused until the start-up upgrade has rewritten it.
        if (!storedHash.StartsWith(Scheme, StringComparison.Ordinal))
            return false;
        // The same value as Hash, on the stack: the proxy verifies a key on every request, and Hash's four strings were
        // most of what resolving a key allocated.
        var hashers = ThreadHashers();
        Span<byte> input = stackalloc byte[LegacyInputMaxLength(keyId, secret)];
        hashers.Sha256.AppendData(input[..LegacyInput(keyId, secret, input)]);
        Span<byte> legacy = stackalloc byte[SHA256.HashSizeInBytes];
        hashers.Sha256.GetHashAndReset(legacy);
        Span<char> legacyHex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(legacy, legacyHex, out _);
        Span<byte> legacyHexUtf8 = stackalloc byte[legacyHex.Length];
        Encoding.ASCII.GetBytes(legacyHex, legacyHexUtf8);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hashers.Mac.AppendData(legacyHexUtf8);
        hashers.Mac.GetHashAndReset(mac);
        Span<char> actual = stackalloc char[HMACSHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(mac, actual, out _);
        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(actual),
            MemoryMarshal.AsBytes(storedHash.AsSpan(Scheme.Length)));
    }

    /// <summary>The stored value for a row that holds the plain SHA-256 hex of its secret.</summary>
    public string FromLegacy(string legacyHash) => Scheme + Hmac(legacyHash);

    /// <summary>
    /// A value stored once per database: an instance whose server secret gives another value would refuse every key,
    /// and says so at start. It is an HMAC of a fixed text, so it reveals nothing about the secret.
    /// </summary>
    public string Check => Hmac(CheckInput);

    public static bool IsLegacy(string storedHash) => !storedHash.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>The plain SHA-256 hex of <c>{id}.{secret}</c>, as keys were stored before the server secret.</summary>
    public static string LegacyHash(string keyId, ReadOnlySpan<char> secret)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        LegacyHashData(keyId, secret, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void LegacyHashData(string keyId, ReadOnlySpan<char> secret, Span<byte> hash)
    {
        Span<byte> input = stackalloc byte[LegacyInputMaxLength(keyId, secret)];
        SHA256.HashData(input[..LegacyInput(keyId, secret, input)], hash);
    }

    private static int LegacyInputMaxLength(string keyId, ReadOnlySpan<char> secret) =>
        Encoding.UTF8.GetMaxByteCount(keyId.Length + 1 + secret.Length);

    /// <summary>Writes <c>{id}.{secret}</c> as UTF-8 into <paramref name="input"/>; returns its length.</summary>
    private static int LegacyInput(string keyId, ReadOnlySpan<char> secret, Span<byte> input)
    {
        var length = Encoding.UTF8.GetBytes(keyId, input);
        input[length++] = (byte)'.';
        return length + Encoding.UTF8.GetBytes(secret, input[length..]);
    }

    /// <summary>
    /// This thread's SHA-256 and HMAC contexts for <see cref="Verify"/>. The one-shot <c>HashData</c> calls look up the
    /// algorithm and build an OpenSSL context on every call: 3.4% of the proxy's CPU under load, against 1.3% for
    /// contexts that are reset and keep their key. Per thread because the contexts are not thread-safe, and
    /// tied to this hasher because each host (tests run several in one process) has its own server secret.
    /// </summary>
    private Hashers ThreadHashers()
    {
        if (threadHashers is { } hashers && ReferenceEquals(hashers.Owner, this))
            return hashers;
        threadHashers?.Dispose();
        return threadHashers = new Hashers(this, IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
            IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, serverSecret.Bytes));
    }

    [ThreadStatic]
    private static Hashers? threadHashers;

    private sealed record Hashers(KeyHasher Owner, IncrementalHash Sha256, IncrementalHash Mac) : IDisposable
    {
        public void Dispose()
        {
            Sha256.Dispose();
            Mac.Dispose();
        }
    }

    private string Hmac(string text)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(serverSecret.Bytes, Encoding.UTF8.GetBytes(text), mac);
        return Convert.ToHexStringLower(mac);
    }
}
