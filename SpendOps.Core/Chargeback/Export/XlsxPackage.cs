using System.IO.Compression;
using System.Text;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// The zip container of an .xlsx written part by part in one pass. System.IO.Packaging (under
/// <c>SpreadsheetDocument</c>) opens packages for update and keeps every part in memory until it is saved; a zip in create
/// mode compresses each part as it is written, so a sheet of a million rows never sits in memory, and the output
/// stream need not be seekable. The parts' XML is still written with the SDK's <c>OpenXmlWriter</c>.
/// </summary>
internal sealed class XlsxPackage(Stream output) : IDisposable
{
    private const string SheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private readonly ZipArchive zip = new(output, ZipArchiveMode.Create, leaveOpen: true);
    private readonly List<string> sheets = [];

    /// <summary>Writes the next worksheet (<c>xl/worksheets/sheetN.xml</c>); sheets are numbered in the order written.</summary>
    public XlsxPart AddSheet(string name)
    {
        sheets.Add(name);
        return Part($"xl/worksheets/sheet{sheets.Count}.xml");
    }

    public XlsxPart Part(string path) => new(zip.CreateEntry(path, CompressionLevel.Fastest).Open());

    /// <summary>The workbook's relationship id of the <paramref name="index"/>-th sheet (1-based).</summary>
    public static string SheetRelationship(int index) => $"rIdSheet{index}";

    /// <summary>Writes the content types and relationships that tie the parts together; call after the last part.</summary>
    public void Finish()
    {
        Text("[Content_Types].xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"{SheetType}\"/>"))}</Types>
            """);
        Text("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdWorkbook" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Text("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"{SheetRelationship(i + 1)}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))}</Relationships>
            """);
    }

    public void Dispose() => zip.Dispose();

    private void Text(string path, string content)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
