namespace SpendOps.Core.Chargeback.Reports;

/// <summary>A run for the history: the run and its files without their content.</summary>
public sealed record ReportRunSummary(ReportRun Run, IReadOnlyList<ReportFileSummary> Files);
