namespace SpendOps.Core.Usage.Rollups;

/// <summary>Per-call records deleted by one retention run and the tenant hours they belonged to.</summary>
public sealed record UsageRetentionResult(int RecordsDeleted, int HoursRetained);
