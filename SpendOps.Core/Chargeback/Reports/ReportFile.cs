namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// One file of a <see cref="ReportRun"/>, kept in the database so every instance sharing it can serve the download.
/// </summary>
public sealed class ReportFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RunId { get; set; }
    public required string Format { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}
