namespace SpendOps.Core.Keys;

/// <summary>A key as the portal lists it: everything but the secret's hash.</summary>
public sealed record ApiKeySummary(
    string Id,
    string Name,
    string SecretHint,
    ApiKeyStatus Status,
    KeyPolicy Policy,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RotatedAt)
{
    /// <summary>What users see instead of the key: <c>aso_k_{id}.…abcd</c>.</summary>
    public string Masked => $"{ApiKeyFormat.Prefix}{Id}.…{SecretHint}";

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    public bool IsUsableAt(DateTimeOffset now) => Status == ApiKeyStatus.Active && !IsExpiredAt(now);
}
