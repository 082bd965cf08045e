using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Ready-to-paste setups for one key and provider on this deployment: Claude Code (bash/zsh, PowerShell, managed
/// settings), curl, and the official SDKs in Python, TypeScript and .NET. Every value is quoted for its language,
/// so a dimension value with quotes or a dollar sign cannot break the snippet.
/// </summary>
public static class ConnectSnippets
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    public static Snippet ClaudeCodeBash(ConnectInput input) => new(
        "bash / zsh",
        "bash",
        $"""
        export ANTHROPIC_BASE_URL={ShellDouble(input.Url(input.Provider.SdkBasePath))}
        export ANTHROPIC_API_KEY="sk-ant-api03-..."
        export ANTHROPIC_CUSTOM_HEADERS={AnsiC(CustomHeaders(input))}
        """,
        "The $'…' quoting matters: ANTHROPIC_CUSTOM_HEADERS separates headers with a real newline, and $'\\n' is one. "
        + "A plain \"\\n\" stays a backslash and an n, and Claude Code then sends one broken header. "
        + "Add the lines to ~/.zshrc or ~/.bashrc, and use your own Anthropic API key (sk-ant-api03-…): it passes through untouched.");

    public static Snippet ClaudeCodePowerShell(ConnectInput input) => new(
        "PowerShell",
        "powershell",
        $"""
        $env:ANTHROPIC_BASE_URL = {PowerShellDouble(input.Url(input.Provider.SdkBasePath))}
        $env:ANTHROPIC_API_KEY = "sk-ant-api03-..."
        $env:ANTHROPIC_CUSTOM_HEADERS = {PowerShellDouble(CustomHeaders(input))}
        """,
        "`n (backtick n) is PowerShell's newline escape. Add the lines to your $PROFILE to keep them. "
        + "cmd.exe cannot put a newline in a variable: use PowerShell, WSL or Git Bash.");

    public static Snippet ClaudeCodeManagedSettings(ConnectInput input)
    {
        var settings = new Dictionary<string, Dictionary<string, string>>
        {
            ["env"] = new()
            {
                ["ANTHROPIC_BASE_URL"] = input.Url(input.Provider.SdkBasePath),
                ["ANTHROPIC_CUSTOM_HEADERS"] = CustomHeaders(input),
            },
        };
        return new Snippet(
            "Managed settings (company rollout)",
            "json",
            JsonSerializer.Serialize(settings, Json).Replace("\r\n", "\n", StringComparison.Ordinal),
            "Deploy as managed-settings.json (/etc/claude-code/ on Linux and WSL, /Library/Application Support/ClaudeCode/ on macOS, "
            + "C:\\Program Files\\ClaudeCode\\ on Windows) or through your MDM. Every developer gets the same headers, so put shared "
            + "dimensions (team, env) here and let each developer set user in their shell. Developers still sign in to Claude Code "
            + "with their own Anthropic API key. Restart Claude Code after the settings land.");
    }

    public static Snippet Curl(ConnectInput input)
    {
        var p = input.Provider;
        string url, body;
        var auth = new List<string>();
        if (p.IsAnthropic)
        {
            url = input.Url(p.SdkBasePath + "/v1/messages");
            auth.Add($"x-api-key: ${p.ApiKeyVariable}");
            auth.Add("anthropic-version: 2023-06-01");
            body = $$"""{"model":{{JsonString(input.Model)}},"max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}""";
        }
        else if (p.IsGemini)
        {
            url = input.Url($"{p.SdkBasePath}/v1beta/models/{input.Model}:generateContent");
            auth.Add($"x-goog-api-key: ${p.ApiKeyVariable}");
            body = """{"contents":[{"parts":[{"text":"Hello"}]}]}""";
        }
        else
        {
            url = input.Url(p.SdkBasePath + "/chat/completions");
            auth.Add($"Authorization: Bearer ${p.ApiKeyVariable}");
            body = $$"""{"model":{{JsonString(input.Model)}},"messages":[{"role":"user","content":"Hello"}]}""";
        }

        var code = new StringBuilder();
        code.Append("curl ").Append(ShellDouble(url)).Append(" \\\n");
        foreach (var header in auth)
            code.Append("  -H \"").Append(header).Append("\" \\\n");
        foreach (var (name, value) in input.Headers)
            code.Append("  -H ").Append(ShellDouble($"{name}: {value}")).Append(" \\\n");
        code.Append("  -H \"Content-Type: application/json\" \\\n");
        code.Append("  -d ").Append(ShellSingle(body));
        return new Snippet("curl", "bash", code.ToString(), $"Your own {p.Info.DisplayName} key goes in ${p.ApiKeyVariable}; it passes through untouched.");
    }

    public static Snippet Python(ConnectInput input)
    {
        var p = input.Provider;
        var headers = ObjectLiteral(input, "    ", "");
        string code, package;
        if (p.IsAnthropic)
        {
            package = "anthropic";
            code = $$"""
                import os
                from anthropic import Anthropic

                client = Anthropic(
                    base_url={{JsonString(input.Url(p.SdkBasePath))}},
                    api_key=os.environ["{{p.ApiKeyVariable}}"],
                    default_headers={{headers}},
                )
                message = client.messages.create(
                    model={{JsonString(input.Model)}},
                    max_tokens=256,
                    messages=[{"role": "user", "content": "Hello"}],
                )
                print(message.content[0].text)
                """;
        }
        else if (p.IsGemini)
        {
            package = "google-genai";
            code = $$"""
                import os
                from google import genai
                from google.genai import types

                client = genai.Client(
                    api_key=os.environ["{{p.ApiKeyVariable}}"],
                    http_options=types.HttpOptions(
                        base_url={{JsonString(input.Url(p.SdkBasePath))}},
                        headers={{ObjectLiteral(input, "    ", "    ")}},
                    ),
                )
                response = client.models.generate_content(model={{JsonString(input.Model)}}, contents="Hello")
                print(response.text)
                """;
        }
        else
        {
            package = "openai";
            code = $$"""
                import os
                from openai import OpenAI

                client = OpenAI(
                    base_url={{JsonString(input.Url(p.OpenAiCompatibleBasePath))}},
                    api_key=os.environ["{{p.ApiKeyVariable}}"],
                    default_headers={{headers}},
                )
                response = client.chat.completions.create(
                    model={{JsonString(input.Model)}},
                    messages=[{"role": "user", "content": "Hello"}],
                )
                print(response.choices[0].message.content)
                """;
        }
        return new Snippet("Python", "python", code, $"pip install {package}");
    }

    public static Snippet TypeScript(ConnectInput input)
    {
        var p = input.Provider;
        var headers = ObjectLiteral(input, "  ", "");
        string code, package;
        if (p.IsAnthropic)
        {
            package = "@anthropic-ai/sdk";
            code = $$"""
                import Anthropic from "@anthropic-ai/sdk";

                const client = new Anthropic({
                  baseURL: {{JsonString(input.Url(p.SdkBasePath))}},
                  apiKey: process.env.{{p.ApiKeyVariable}},
                  defaultHeaders: {{headers}},
                });
                const message = await client.messages.create({
                  model: {{JsonString(input.Model)}},
                  max_tokens: 256,
                  messages: [{ role: "user", content: "Hello" }],
                });
                console.log(message.content);
                """;
        }
        else if (p.IsGemini)
        {
            package = "@google/genai";
            code = $$"""
                import { GoogleGenAI } from "@google/genai";

                const ai = new GoogleGenAI({
                  apiKey: process.env.{{p.ApiKeyVariable}},
                  httpOptions: {
                    baseUrl: {{JsonString(input.Url(p.SdkBasePath))}},
                    headers: {{ObjectLiteral(input, "  ", "  ")}},
                  },
                });
                const response = await ai.models.generateContent({ model: {{JsonString(input.Model)}}, contents: "Hello" });
                console.log(response.text);
                """;
        }
        else
        {
            package = "openai";
            code = $$"""
                import OpenAI from "openai";

                const client = new OpenAI({
                  baseURL: {{JsonString(input.Url(p.OpenAiCompatibleBasePath))}},
                  apiKey: process.env.{{p.ApiKeyVariable}},
                  defaultHeaders: {{headers}},
                });
                const completion = await client.chat.completions.create({
                  model: {{JsonString(input.Model)}},
                  messages: [{ role: "user", content: "Hello" }],
                });
                console.log(completion.choices[0].message.content);
                """;
        }
        return new Snippet("TypeScript", "typescript", code, $"npm install {package}");
    }

    public static Snippet DotNet(ConnectInput input) => input.Provider.IsAnthropic ? DotNetAnthropic(input) : DotNetOpenAi(input);

    private static Snippet DotNetAnthropic(ConnectInput input)
    {
        var p = input.Provider;
        var headers = string.Concat(input.Headers.Select(h => $"\n        [{JsonString(h.Name)}] = {JsonString(h.Value)},"));
        var code = $$"""
            using Anthropic;
            using Anthropic.Core;
            using Anthropic.Models.Messages;

            var client = new AnthropicClient(new ClientOptions
            {
                BaseUrl = {{JsonString(input.Url(p.SdkBasePath))}},
                ApiKey = Environment.GetEnvironmentVariable("{{p.ApiKeyVariable}}"),
                ExtraHeaders = new Dictionary<string, string>
                {{{headers}}
                },
            });
            var message = await client.Messages.Create(new MessageCreateParams
            {
                Model = {{JsonString(input.Model)}},
                MaxTokens = 256,
                Messages = [new UserMessageParam("Hello")],
            });
            foreach (var block in message.Content)
            {
                if (block.TryPickText(out var text))
                    Console.WriteLine(text.Text);
            }
            """;
        return new Snippet(".NET", "csharp", code, "dotnet add package Anthropic");
    }

    private static Snippet DotNetOpenAi(ConnectInput input)
    {
        var p = input.Provider;
        var headers = string.Concat(input.Headers.Select(h => $"\n        message.Request.Headers.Set({JsonString(h.Name)}, {JsonString(h.Value)});"));
        var code = $$"""
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using OpenAI;
            using OpenAI.Chat;

            var options = new OpenAIClientOptions { Endpoint = new Uri({{JsonString(input.Url(p.OpenAiCompatibleBasePath))}}) };
            options.AddPolicy(new SpendOpsHeaders(), PipelinePosition.PerCall);
            var client = new ChatClient({{JsonString(input.Model)}}, new ApiKeyCredential(Environment.GetEnvironmentVariable("{{p.ApiKeyVariable}}")!), options);
            ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hello")]);
            Console.WriteLine(completion.Content[0].Text);

            // Adds the SpendOps headers to every request of the client.
            sealed class SpendOpsHeaders : PipelinePolicy
            {
                public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
                {
                    AddHeaders(message);
                    ProcessNext(message, pipeline, currentIndex);
                }

                public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
                {
                    AddHeaders(message);
                    return ProcessNextAsync(message, pipeline, currentIndex);
                }

                private static void AddHeaders(PipelineMessage message)
                {{{headers}}
                }
            }
            """;
        var note = p.IsGemini
            ? "dotnet add package OpenAI. Uses Gemini's OpenAI-compatible endpoint through SpendOps."
            : "dotnet add package OpenAI";
        return new Snippet(".NET", "csharp", code, note);
    }

    /// <summary>The value of ANTHROPIC_CUSTOM_HEADERS: the headers separated by a real newline.</summary>
    private static string CustomHeaders(ConnectInput input) => string.Join('\n', input.Headers.Select(h => $"{h.Name}: {h.Value}"));

    /// <summary>
    /// The SpendOps headers as a Python dict or JavaScript object literal (the syntax is the same with quoted keys),
    /// one per line; <paramref name="indent"/> is the indentation of the line the literal starts on.
    /// </summary>
    private static string ObjectLiteral(ConnectInput input, string step, string indent)
    {
        var lines = input.Headers.Select(h => $"{indent}{step}{step}{JsonString(h.Name)}: {JsonString(h.Value)},");
        return "{\n" + string.Join('\n', lines) + "\n" + indent + step + "}";
    }

    /// <summary>A double-quoted string literal that Python, JavaScript, TypeScript and C# all read the same way.</summary>
    internal static string JsonString(string value) => JsonSerializer.Serialize(value, Json);

    /// <summary>bash/zsh ANSI-C quoting: <c>$'…'</c>, where <c>\n</c> is a newline.</summary>
    internal static string AnsiC(string value) =>
        "$'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    /// <summary>bash/zsh double quotes, in which <c>\</c>, <c>"</c>, <c>$</c> and <c>`</c> are special.</summary>
    internal static string ShellDouble(string value)
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
    internal static string ShellSingle(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>PowerShell double quotes: backtick escapes, <c>`n</c> is a newline, <c>$</c> and <c>"</c> must be escaped.</summary>
    internal static string PowerShellDouble(string value)
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
