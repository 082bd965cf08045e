using System.Text.Json;
using SpendOps.Web.Components.Pages.Connect;

namespace SpendOps.Tests.Web.Portal;

/// <summary>Snippets quote every value for their language and point at the README's base URL for each SDK.</summary>
public sealed class ConnectSnippetsTests
{
    private const string Base = "https://spendops.example.com/";

    [Fact]
    public void ClaudeCodeBash_TwoHeaders_AnsiCQuotedWithNewlineEscape()
    {
        var snippet = ConnectSnippets.ClaudeCodeBash(Input("anthropic", dims: "user=alice"));

        Assert.Equal(
            """
            export ANTHROPIC_BASE_URL="https://spendops.example.com/v1/anthropic"
            export ANTHROPIC_API_KEY="sk-ant-api03-..."
            export ANTHROPIC_CUSTOM_HEADERS=$'X-ASO-API-Key: aso_k_kid.YOUR_SECRET\nX-ASO-Dims: user=alice'
            """,
            snippet.Code);
    }

    [Theory]
    [InlineData("it's", @"$'it\'s'")]
    [InlineData(@"back\slash", @"$'back\\slash'")]
    [InlineData("a\nb", @"$'a\nb'")]
    public void AnsiC_SpecialCharacters_Escaped(string value, string expected) =>
        Assert.Equal(expected, SnippetQuoting.AnsiC(value));

    [Fact]
    public void ClaudeCodePowerShell_Headers_BacktickNewlineAndEscapedDollar()
    {
        var snippet = ConnectSnippets.ClaudeCodePowerShell(Input("anthropic", dims: "user=$me"));

        Assert.Contains("$env:ANTHROPIC_CUSTOM_HEADERS = \"X-ASO-API-Key: aso_k_kid.YOUR_SECRET`nX-ASO-Dims: user=`$me\"", snippet.Code);
    }

    [Fact]
    public void ManagedSettings_Json_EnvBlockWithRealNewlineBetweenHeaders()
    {
        var snippet = ConnectSnippets.ClaudeCodeManagedSettings(Input("anthropic", dims: "team=\"core\""));

        using var json = JsonDocument.Parse(snippet.Code);
        var env = json.RootElement.GetProperty("env");
        Assert.Equal("https://spendops.example.com/v1/anthropic", env.GetProperty("ANTHROPIC_BASE_URL").GetString());
        Assert.Equal("X-ASO-API-Key: aso_k_kid.YOUR_SECRET\nX-ASO-Dims: team=\"core\"", env.GetProperty("ANTHROPIC_CUSTOM_HEADERS").GetString());
    }

    [Theory]
    [InlineData("openai", "https://spendops.example.com/v1/openai/v1/chat/completions")]
    [InlineData("anthropic", "https://spendops.example.com/v1/anthropic/v1/messages")]
    [InlineData("google", "https://spendops.example.com/v1/google/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("groq", "https://spendops.example.com/v1/groq/v1/chat/completions")]
    [InlineData("deepinfra", "https://spendops.example.com/v1/deepinfra/v1/openai/chat/completions")]
    [InlineData("novita", "https://spendops.example.com/v1/novita/openai/v1/chat/completions")]
    [InlineData("perplexity", "https://spendops.example.com/v1/perplexity/chat/completions")]
    [InlineData("deepseek", "https://spendops.example.com/v1/deepseek/chat/completions")]
    public void Curl_Provider_UsesReadmeBaseUrl(string provider, string url) =>
        Assert.StartsWith($"curl \"{url}\"", ConnectSnippets.Curl(Input(provider)).Code);

    [Theory]
    [InlineData("openai", "/v1/chat/completions")]
    [InlineData("anthropic", "/v1/messages")]
    [InlineData("fireworks", "/v1/chat/completions")]
    [InlineData("deepinfra", "/v1/openai/chat/completions")]
    [InlineData("perplexity", "/chat/completions")]
    public void CallPath_Provider_IsTheProvidersOwnPath(string provider, string path) =>
        Assert.Equal(path, ProviderSetup.For(provider).CallPath("m"));

    [Fact]
    public void Curl_ValueWithQuoteAndDollar_StaysOneShellWord()
    {
        var snippet = ConnectSnippets.Curl(Input("openai", dims: "team=a\"b$c"));

        Assert.Contains("-H \"X-ASO-Dims: team=a\\\"b\\$c\"", snippet.Code);
    }

    [Fact]
    public void Snippets_NoDims_LeaveTheDimsHeaderOut()
    {
        var groups = ConnectSnippets.Build(Input("anthropic", dims: ""));

        Assert.All(groups.SelectMany(g => g.Snippets), s => Assert.DoesNotContain("X-ASO-Dims", s.Code));
        Assert.Contains("$'X-ASO-API-Key: aso_k_kid.YOUR_SECRET'", ConnectSnippets.ClaudeCodeBash(Input("anthropic", dims: "")).Code);
    }

    [Theory]
    [InlineData("openai", new[] { "curl", "Python", "TypeScript", ".NET" })]
    [InlineData("anthropic", new[] { "Claude Code", "curl", "Python", "TypeScript", ".NET" })]
    public void Build_Provider_ClaudeCodeOnlyForAnthropic(string provider, string[] tabs) =>
        Assert.Equal(tabs, ConnectSnippets.Build(Input(provider)).Select(g => g.Name));

    [Fact]
    public void Sdks_Gemini_NativeSdksAndOpenAiCompatibleDotNet()
    {
        var input = Input("google");

        Assert.Contains("base_url=\"https://spendops.example.com/v1/google\"", ConnectSnippets.Python(input).Code);
        Assert.Contains("baseUrl: \"https://spendops.example.com/v1/google\"", ConnectSnippets.TypeScript(input).Code);
        Assert.Contains("new Uri(\"https://spendops.example.com/v1/google/v1beta/openai\")", ConnectSnippets.DotNet(input).Code);
    }

    private static ConnectInput Input(string provider, string dims = "team=backend")
    {
        var setup = ProviderSetup.For(provider);
        return new ConnectInput(Base, setup, "aso_k_kid.YOUR_SECRET", dims, setup.DefaultModel);
    }
}
