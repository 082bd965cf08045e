namespace SpendOps.Core.Chargeback.Reports;

/// <summary>How often a scheduled report covers a period: calendar months, or weeks from Monday to Monday.</summary>
public enum ReportFrequency
{
    Monthly,
    Weekly,
}
