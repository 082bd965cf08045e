namespace SpendOps.Core.Keys;

/// <summary>An ingest key just created or rotated, with the full key string that is shown only this once.</summary>
public sealed record CreatedIngestKey(IngestKey Key, string FullKey);
