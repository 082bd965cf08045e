namespace SpendOps.Core.Chargeback.Reports;

/// <summary>What a new schedule asks for, as typed: checked by <see cref="ReportScheduleService.CreateAsync"/>.</summary>
public sealed record ReportScheduleRequest(Guid TenantId, string Name, ReportFrequency Frequency, string GroupBy, string Formats, IReadOnlyList<string> EmailTo);
