using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Quotes a value for the language of a snippet, so a dimension value with quotes, a dollar sign or a newline cannot
/// break the snippet or change what it does.
/// </summary>
public static class SnippetQuoting
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted string literal that Python, JavaScript, TypeScript and C# all read the same way.</summary>
    public static string JsonString(string value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Indented JSON with Unix newlines, as pasted into a settings file.</summary>
    public static string JsonDocument<T>(T value) => JsonSerializer.Serialize(value, Json).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>bash/zsh ANSI-C quoting: <c>$'…'</c>, where <c>\n</c> is a newline.</summary>
    public static string AnsiC(string value) =>
        "$'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    /// <summary>bash/zsh double quotes, in which <c>\</c>, <c>"</c>, <c>$</c> and <c>`</c> are special.</summary>
    public static string ShellDouble(string value)
    {
        var escaped = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.Append('"').ToString();
    }

    /// <summary>bash/zsh single quotes: nothing is special except the quote itself.</summary>
    public static string ShellSingle(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>PowerShell double quotes: backtick escapes, <c>`n</c> is a newline, <c>$</c> and <c>"</c> must be escaped.</summary>
    public static string PowerShellDouble(string value)
    {
        var escaped = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n':
                    escaped.Append("`n");
                    break;
                case '`' or '"' or '$':
                    escaped.Append('`').Append(c);
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        return escaped.Append('"').ToString();
    }
}
