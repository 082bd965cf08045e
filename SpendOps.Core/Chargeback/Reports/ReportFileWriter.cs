using System.Text;
using SpendOps.Core.Chargeback.Export;
using SpendOps.Core.Data;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>A chargeback view as the bytes of one file, through the same writers as <c>reports chargeback</c>.</summary>
internal static class ReportFileWriter
{
    public static async Task<byte[]> WriteAsync(SpendOpsDbContext db, ChargebackReport report, string format, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reader = new ChargebackRecordReader(db);
        using var buffer = new MemoryStream();
        if (format == ReportFormats.Xlsx)
        {
            await new ChargebackXlsxWriter(reader).WriteAsync(report, buffer, now, cancellationToken);
            return buffer.ToArray();
        }
        await using (var text = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            if (format == ReportFormats.Focus)
                await new FocusCsvWriter(reader).WriteAsync(report.Request, text, cancellationToken);
            else
                await ChargebackCsvWriter.WriteAsync(report, text, cancellationToken);
        }
        return buffer.ToArray();
    }

    public static string FileName(ReportSchedule schedule, ChargebackPeriod period, string format)
    {
        var safe = new string(schedule.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return $"{safe}-{period.FirstDay:yyyy-MM-dd}-to-{period.LastDay:yyyy-MM-dd}.{ReportFormats.Extension(format)}";
    }
}
