namespace SpendOps.Core.Audit;

/// <summary>One page of audit entries, newest first, and how many entries match the filter in total.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int TotalCount);
