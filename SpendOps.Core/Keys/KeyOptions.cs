namespace SpendOps.Core.Keys;

/// <summary>Where the server secret for key hashes comes from (see <see cref="KeyHashSecret"/>).</summary>
public sealed class KeyOptions
{
    public const string SectionName = "Keys";

    /// <summary>Base64 of at least 32 random bytes; when empty, <see cref="HashSecretFile"/> is used (and created).</summary>
    public string? HashSecret { get; set; }

    /// <summary>A relative path is inside <c>DataFolder</c>, like the SQLite file and the spill folder.</summary>
    public string HashSecretFile { get; set; } = "key-hash-secret";
}
