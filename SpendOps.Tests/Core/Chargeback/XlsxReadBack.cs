using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>A workbook read back with DocumentFormat.OpenXml: each sheet's cells by row, with their type and number format.</summary>
internal sealed class XlsxReadBack
{
    private readonly Dictionary<string, List<List<XlsxCell>>> sheets = [];

    public XlsxReadBack(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var codes = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!) ?? [];
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var worksheet = part.Worksheet;
            Frozen[sheet.Name!] = worksheet.Descendants<Pane>().Any(p => p.State?.Value == PaneStateValues.Frozen && p.VerticalSplit?.Value == 1);
            Filter[sheet.Name!] = worksheet.Elements<AutoFilter>().SingleOrDefault()?.Reference?.Value;
            sheets[sheet.Name!] = worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell =>
            {
                var format = cell.StyleIndex is { } index ? formats[(int)index.Value].NumberFormatId?.Value ?? 0 : 0;
                var code = codes.GetValueOrDefault(format) ?? BuiltIn(format);
                return cell.DataType?.Value == CellValues.InlineString
                    ? new XlsxCell(cell.InlineString!.InnerText, null, code)
                    : cell.CellValue is null ? new XlsxCell(null, null, code)
                    : new XlsxCell(null, double.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture), code);
            }).ToList()).ToList();
        }
    }

    public Dictionary<string, bool> Frozen { get; } = [];
    public Dictionary<string, string?> Filter { get; } = [];

    public IReadOnlyList<string> SheetNames => [.. sheets.Keys];

    public List<List<XlsxCell>> Rows(string sheet) => sheets[sheet];

    /// <summary>The rows under the header as dictionaries by header text.</summary>
    public List<Dictionary<string, XlsxCell>> Table(string sheet)
    {
        var rows = sheets[sheet];
        var header = rows[0].Select(c => c.Text!).ToList();
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string BuiltIn(uint id) => id switch
    {
        0 => "General",
        3 => "#,##0",
        10 => "0.00%",
        _ => $"builtin:{id}",
    };
}

/// <summary>A cell as read back: text for strings, a number for numbers and dates, and its number format.</summary>
internal sealed record XlsxCell(string? Text, double? Number, string Format);
