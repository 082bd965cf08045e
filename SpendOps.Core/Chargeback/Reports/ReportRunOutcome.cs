namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// What a run on demand did: <see cref="Run"/> is the run produced (succeeded or failed), <see cref="Replaced"/> the
/// status of the run it replaced; or nothing was produced because the period already has the succeeded run
/// <see cref="AlreadyProduced"/> and replacing it was not asked for.
/// </summary>
public sealed record ReportRunOutcome(ReportRun? Run, ReportRunStatus? Replaced, ReportRun? AlreadyProduced);
