using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// A chargeback report a tenant receives for every past month or week: grouped by <see cref="GroupBy"/> (as
/// <c>reports chargeback --by</c>), in one or more <see cref="Formats"/>, optionally e-mailed.
/// </summary>
public sealed class ReportSchedule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public ReportFrequency Frequency { get; set; }

    /// <summary>The grouping, e.g. <c>dim:team,model</c> (<see cref="ChargebackKey.TryParseList"/>).</summary>
    public required string GroupBy { get; set; }

    /// <summary>Comma-separated <see cref="ReportFormats"/>, e.g. <c>xlsx,focus</c>.</summary>
    public required string Formats { get; set; }

    /// <summary>Comma-separated e-mail addresses; empty: the report is only kept for download.</summary>
    public string EmailTo { get; set; } = "";

    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public IReadOnlyList<string> FormatList => Split(Formats);
    public IReadOnlyList<string> Recipients => Split(EmailTo);

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
