using System.Globalization;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>RFC 4180 fields for the chargeback CSV files, numbers in invariant culture.</summary>
internal static class CsvText
{
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>
    /// Quotes where needed and defuses spreadsheet formulas: grouping values come from callers' headers, and a value
    /// such as <c>=HYPERLINK(…)</c> would run when finance opens the file.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Dollars with up to 12 decimals, no exponent and no trailing zeros; the full precision of the cost of record.</summary>
    public static string Money(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ratio(decimal? value) => value is { } v ? Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture) : "";
}
