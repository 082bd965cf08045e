namespace SpendOps.Core.Keys;

/// <summary>An ingest key without its secret: safe to list and show.</summary>
public sealed record IngestKeySummary(
    string Id,
    string Name,
    string DisplayHint,
    IReadOnlyList<string> Scopes,
    Guid? ConnectionId,
    IngestKeyStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public static IngestKeySummary From(IngestKey key) => new(
        key.Id, key.Name, key.DisplayHint, key.Scopes, key.ConnectionId, key.Status,
        key.CreatedAt, key.RotatedAt, key.RevokedAt, key.LastUsedAt);
}
