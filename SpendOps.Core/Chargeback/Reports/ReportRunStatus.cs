namespace SpendOps.Core.Chargeback.Reports;

public enum ReportRunStatus
{
    /// <summary>Claimed by an instance and being produced.</summary>
    Running,
    Succeeded,
    Failed,
}
