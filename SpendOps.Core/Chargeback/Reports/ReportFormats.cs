namespace SpendOps.Core.Chargeback.Reports;

/// <summary>The file formats a schedule can produce: the writers of <c>reports chargeback</c>.</summary>
public static class ReportFormats
{
    public const string Csv = "csv", Xlsx = "xlsx", Focus = "focus";

    public static readonly IReadOnlyList<string> All = [Csv, Xlsx, Focus];

    /// <summary>Parses <c>xlsx,focus</c> into distinct formats; false with a reason for anything else.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<string> formats, out string error)
    {
        var parsed = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.ToLowerInvariant()).Distinct().ToList();
        formats = parsed;
        error = parsed.Count == 0 ? "name at least one format (csv, xlsx, focus)"
            : parsed.FirstOrDefault(f => !All.Contains(f)) is { } bad ? $"'{bad}' is not csv, xlsx or focus" : "";
        return error.Length == 0;
    }

    public static string ContentType(string format) => format == Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv";

    public static string Extension(string format) => format switch
    {
        Xlsx => "xlsx",
        Focus => "focus.csv",
        _ => "csv",
    };
}
