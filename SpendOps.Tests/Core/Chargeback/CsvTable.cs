using System.Text;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>An RFC 4180 CSV file read back: the header and one dictionary per line (empty fields as null).</summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) => (Header, Rows) = (header, rows);

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows { get; }

    public static CsvTable Parse(string text)
    {
        var lines = Records(text).ToList();
        var header = lines[0];
        var rows = lines.Skip(1).Select(fields =>
        {
            Assert.Equal(header.Count, fields.Count);
            return (IReadOnlyDictionary<string, string?>)header.Zip(fields).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : p.Second);
        }).ToList();
        return new CsvTable(header, rows);
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields;
                    fields = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
