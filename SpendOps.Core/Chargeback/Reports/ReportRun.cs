using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// One period of a <see cref="ReportSchedule"/>. Unique per schedule and <see cref="PeriodStart"/>: instances sharing a
/// database race to insert it, and the one that wins produces the files.
/// </summary>
public sealed class ReportRun : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScheduleId { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>The schedule's name when it ran, for the history.</summary>
    public required string ScheduleName { get; set; }

    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }

    /// <summary>The period as the tenant's local days [<see cref="FirstDay"/>, <see cref="EndDay"/>).</summary>
    public DateOnly FirstDay { get; set; }

    public DateOnly EndDay { get; set; }
    public ReportRunStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The chargeback total of the period, the same as <c>usage summary</c>.</summary>
    public decimal TotalUsd { get; set; }

    public string? Error { get; set; }

    /// <summary>When the files were e-mailed; null when not (no recipients, or sending failed: see <see cref="EmailError"/>).</summary>
    public DateTimeOffset? EmailedAt { get; set; }

    public string? EmailError { get; set; }

    public List<ReportFile> Files { get; set; } = [];
}
