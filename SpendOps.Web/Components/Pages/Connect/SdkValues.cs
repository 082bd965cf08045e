namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// The values an <see cref="SdkTemplate"/> fills in, already quoted for the snippet's language. Python, TypeScript and C#
/// read a JSON string literal the same way, so every literal here is one.
/// </summary>
/// <param name="BaseUrl">The base URL to give the SDK, as a string literal.</param>
/// <param name="ApiKeyVariable">The environment variable that holds the provider's own key (a bare name).</param>
/// <param name="Model">The model, as a string literal.</param>
/// <param name="Headers">The SpendOps headers, name and value each as a string literal.</param>
/// <param name="IndentStep">One level of indentation in the language's usual style.</param>
public sealed record SdkValues(string BaseUrl, string ApiKeyVariable, string Model, IReadOnlyList<(string Name, string Value)> Headers, string IndentStep)
{
    /// <summary>
    /// The headers as a Python dict or JavaScript object literal (the syntax is the same with quoted keys), one per
    /// line; <paramref name="depth"/> is how many steps the line the literal starts on is indented.
    /// </summary>
    public string HeaderObject(int depth)
    {
        var closing = Indent(depth);
        return "{\n" + string.Join('\n', Headers.Select(h => $"{closing}{IndentStep}{h.Name}: {h.Value},")) + "\n" + closing + "}";
    }

    /// <summary>One line per header, each starting on a new line indented <paramref name="depth"/> steps.</summary>
    public string HeaderLines(int depth, Func<string, string, string> line) =>
        string.Concat(Headers.Select(h => "\n" + Indent(depth) + line(h.Name, h.Value)));

    private string Indent(int depth) => string.Concat(Enumerable.Repeat(IndentStep, depth));
}
