namespace SpendOps.Core.Chargeback.Reports;

public sealed record ReportFileSummary(Guid Id, Guid RunId, string Format, string FileName, int Bytes);
