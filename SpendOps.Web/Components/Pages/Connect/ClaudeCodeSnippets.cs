namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Claude Code through SpendOps: its Anthropic base URL and the SpendOps headers in <c>ANTHROPIC_CUSTOM_HEADERS</c>,
/// for one shell (bash/zsh, PowerShell) or a company rollout (managed settings).
/// </summary>
public static class ClaudeCodeSnippets
{
    public static Snippet Bash(ConnectInput input) => new(
        "bash / zsh",
        "bash",
        $"""
        export ANTHROPIC_BASE_URL={SnippetQuoting.ShellDouble(BaseUrl(input))}
        export ANTHROPIC_API_KEY="sk-ant-api03-..."
        export ANTHROPIC_CUSTOM_HEADERS={SnippetQuoting.AnsiC(CustomHeaders(input))}
        """,
        "The $'…' quoting matters: ANTHROPIC_CUSTOM_HEADERS separates headers with a real newline, and $'\\n' is one. "
        + "A plain \"\\n\" stays a backslash and an n, and Claude Code then sends one broken header. "
        + "Add the lines to ~/.zshrc or ~/.bashrc, and use your own Anthropic API key (sk-ant-api03-…): it passes through untouched.");

    public static Snippet PowerShell(ConnectInput input) => new(
        "PowerShell",
        "powershell",
        $"""
        $env:ANTHROPIC_BASE_URL = {SnippetQuoting.PowerShellDouble(BaseUrl(input))}
        $env:ANTHROPIC_API_KEY = "sk-ant-api03-..."
        $env:ANTHROPIC_CUSTOM_HEADERS = {SnippetQuoting.PowerShellDouble(CustomHeaders(input))}
        """,
        "`n (backtick n) is PowerShell's newline escape. Add the lines to your $PROFILE to keep them. "
        + "cmd.exe cannot put a newline in a variable: use PowerShell, WSL or Git Bash.");

    public static Snippet ManagedSettings(ConnectInput input)
    {
        var settings = new Dictionary<string, Dictionary<string, string>>
        {
            ["env"] = new()
            {
                ["ANTHROPIC_BASE_URL"] = BaseUrl(input),
                ["ANTHROPIC_CUSTOM_HEADERS"] = CustomHeaders(input),
            },
        };
        return new Snippet(
            "Managed settings (company rollout)",
            "json",
            SnippetQuoting.JsonDocument(settings),
            "Deploy as managed-settings.json (/etc/claude-code/ on Linux and WSL, /Library/Application Support/ClaudeCode/ on macOS, "
            + "C:\\Program Files\\ClaudeCode\\ on Windows) or through your MDM. Every developer gets the same headers, so put shared "
            + "dimensions (team, env) here and let each developer set user in their shell. Developers still sign in to Claude Code "
            + "with their own Anthropic API key. Restart Claude Code after the settings land.");
    }

    private static string BaseUrl(ConnectInput input) => input.Url(input.Provider.SdkBasePath);

    /// <summary>The value of ANTHROPIC_CUSTOM_HEADERS: the headers separated by a real newline.</summary>
    private static string CustomHeaders(ConnectInput input) => string.Join('\n', input.Headers.Select(h => $"{h.Name}: {h.Value}"));
}
