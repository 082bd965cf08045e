namespace SpendOps.Core.Usage.Rollups;

/// <summary>A tenant's marked hours that one read of its records rebuilds together (ascending).</summary>
internal sealed record RollupHourSpan(Guid TenantId, IReadOnlyList<DateTimeOffset> Hours);
