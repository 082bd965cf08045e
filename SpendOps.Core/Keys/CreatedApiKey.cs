namespace SpendOps.Core.Keys;

/// <summary>A key just created or rotated, with the full key string that is shown only this once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string FullKey);
