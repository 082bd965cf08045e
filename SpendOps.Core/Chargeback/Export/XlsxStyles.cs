using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>The cell formats of the chargeback workbook; the indexes are positions in <see cref="Stylesheet"/>'s cell formats.</summary>
internal static class XlsxStyles
{
    public const uint Text = 0;
    public const uint Header = 1;
    public const uint Integer = 2;
    public const uint Usd = 3;
    public const uint DateTime = 4;
    public const uint Percent = 5;
    public const uint TotalUsd = 6;
    public const uint TotalInteger = 7;
    public const uint TotalText = 8;
    public const uint Date = 9;

    private const uint UsdFormat = 164;
    private const uint DateTimeFormat = 165;
    private const uint DateFormat = 166;

    public static Stylesheet Create() => new(
        new NumberingFormats(
            // Six decimals: a single call often costs a fraction of a cent.
            new NumberingFormat { NumberFormatId = UsdFormat, FormatCode = "\"$\"#,##0.000000" },
            new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy-mm-dd" })
        { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            Number(3, 0),
            Number(UsdFormat, 0),
            Number(DateTimeFormat, 0),
            Number(10, 0),
            Number(UsdFormat, 1),
            Number(3, 1),
            new CellFormat { FontId = 1, ApplyFont = true },
            Number(DateFormat, 0))
        { Count = 10 });

    private static CellFormat Number(uint format, uint font) =>
        new() { NumberFormatId = format, ApplyNumberFormat = true, FontId = font, ApplyFont = font != 0 };
}
