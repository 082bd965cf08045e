using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// Streams one worksheet with the SAX <see cref="OpenXmlWriter"/>: a frozen header row with filters, then rows written
/// as they come, so a sheet of a million calls never sits in memory. Strings are inline (no shared string table to
/// keep), numbers and dates are real numbers with a number format.
/// </summary>
internal sealed class XlsxSheetWriter
{
    private readonly OpenXmlWriter writer;
    private readonly int columns;
    private int rows;

    public XlsxSheetWriter(OpenXmlWriter writer, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        columns = headers.Count;
        this.writer = writer;
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteElement(new Selection { Pane = PaneValues.BottomLeft });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < widths.Count; i++)
            writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
        writer.WriteEndElement();
        writer.WriteStartElement(new SheetData());
        StartRow();
        foreach (var header in headers)
            Text(header, XlsxStyles.Header);
        EndRow();
    }

    /// <summary>The range the header's filters cover, e.g. <c>A1:T42</c>; known once the rows are written.</summary>
    public string FilterRange(int? lastRow = null) => $"A1:{ColumnName(columns)}{lastRow ?? Math.Max(rows, 1)}";

    public int Rows => rows;

    public void StartRow()
    {
        rows++;
        writer.WriteStartElement(new Row { RowIndex = (uint)rows });
    }

    public void EndRow() => writer.WriteEndElement();

    public void Text(string? value, uint style = XlsxStyles.Text)
    {
        if (string.IsNullOrEmpty(value))
        {
            writer.WriteElement(new Cell { StyleIndex = style == XlsxStyles.Text ? null : style });
            return;
        }
        writer.WriteElement(new Cell(new InlineString(new Text(value))) { DataType = CellValues.InlineString, StyleIndex = style == XlsxStyles.Text ? null : style });
    }

    public void Number(decimal value, uint style) =>
        writer.WriteElement(new Cell(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style });

    public void Number(decimal? value, uint style)
    {
        if (value is { } v)
            Number(v, style);
        else
            Text(null);
    }

    public void Date(DateTimeOffset value, uint style = XlsxStyles.DateTime) =>
        writer.WriteElement(new Cell(new CellValue(value.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style });

    /// <summary>Closes the rows and adds the header's filters over the first <paramref name="filterLastRow"/> rows (all by default).</summary>
    public void Finish(int? filterLastRow = null)
    {
        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = FilterRange(filterLastRow) });
        writer.WriteEndElement();
    }

    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
            name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }
}
