namespace SpendOps.Core.Usage;

public enum UsageExportFormat
{
    Csv,
    Jsonl,
}
