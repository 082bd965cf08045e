using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// <c>Jobs:Reports</c>: how often scheduled reports are looked for and how long their runs are kept. A period is
/// produced at the first check after it ends in the tenant's time zone, so the interval is the longest a report waits.
/// </summary>
public sealed class ReportJobOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Runs (and their files) whose period ended longer ago are deleted; older periods are not produced either.</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 400;

    internal TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);
}
