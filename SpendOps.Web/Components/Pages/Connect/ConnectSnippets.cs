namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Ready-to-paste setups for one key and provider on this deployment, one tab per tool: Claude Code (bash/zsh,
/// PowerShell, managed settings) when the provider is Anthropic, curl, and the official SDKs in Python, TypeScript and
/// .NET. What differs between API families is in <see cref="ApiFamily"/>; quoting is in <see cref="SnippetQuoting"/>.
/// </summary>
public static class ConnectSnippets
{
    public static IReadOnlyList<SnippetGroup> Build(ConnectInput input)
    {
        var groups = new List<SnippetGroup>();
        if (input.Provider.IsAnthropic)
            groups.Add(new SnippetGroup("Claude Code", [ClaudeCodeBash(input), ClaudeCodePowerShell(input), ClaudeCodeManagedSettings(input)]));
        groups.Add(new SnippetGroup("curl", [Curl(input)]));
        groups.Add(new SnippetGroup("Python", [Python(input)]));
        groups.Add(new SnippetGroup("TypeScript", [TypeScript(input)]));
        groups.Add(new SnippetGroup(".NET", [DotNet(input)]));
        return groups;
    }

    public static Snippet ClaudeCodeBash(ConnectInput input) => ClaudeCodeSnippets.Bash(input);

    public static Snippet ClaudeCodePowerShell(ConnectInput input) => ClaudeCodeSnippets.PowerShell(input);

    public static Snippet ClaudeCodeManagedSettings(ConnectInput input) => ClaudeCodeSnippets.ManagedSettings(input);

    public static Snippet Curl(ConnectInput input) => CurlSnippet.Render(input);

    public static Snippet Python(ConnectInput input) => SdkLanguage.Python.Render(input);

    public static Snippet TypeScript(ConnectInput input) => SdkLanguage.TypeScript.Render(input);

    public static Snippet DotNet(ConnectInput input) => SdkLanguage.DotNet.Render(input);
}
