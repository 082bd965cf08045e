using SpendOps.Core.Providers;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>Anthropic's Messages API: the key in <c>x-api-key</c>, a required version header and <c>max_tokens</c>.</summary>
internal static class AnthropicApi
{
    public static ApiFamily Facts { get; } = new(
        ProviderFamily.Anthropic,
        GenerationPath: _ => "/v1/messages",
        AuthHeaders: ["x-api-key: {key}", "anthropic-version: 2023-06-01"],
        RequestBody: model => $$"""{"model":{{model}},"max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}""",
        OpenAiCompatibleSuffix: "",
        Python: new("anthropic", v => $$"""
            import os
            from anthropic import Anthropic

            client = Anthropic(
                base_url={{v.BaseUrl}},
                api_key=os.environ["{{v.ApiKeyVariable}}"],
                default_headers={{v.HeaderObject(1)}},
            )
            message = client.messages.create(
                model={{v.Model}},
                max_tokens=256,
                messages=[{"role": "user", "content": "Hello"}],
            )
            print(message.content[0].text)
            """),
        TypeScript: new("@anthropic-ai/sdk", v => $$"""
            import Anthropic from "@anthropic-ai/sdk";

            const client = new Anthropic({
              baseURL: {{v.BaseUrl}},
              apiKey: process.env.{{v.ApiKeyVariable}},
              defaultHeaders: {{v.HeaderObject(1)}},
            });
            const message = await client.messages.create({
              model: {{v.Model}},
              max_tokens: 256,
              messages: [{ role: "user", content: "Hello" }],
            });
            console.log(message.content);
            """),
        DotNet: new("Anthropic", v => $$"""
            using Anthropic;
            using Anthropic.Core;
            using Anthropic.Models.Messages;

            var client = new AnthropicClient(new ClientOptions
            {
                BaseUrl = {{v.BaseUrl}},
                ApiKey = Environment.GetEnvironmentVariable("{{v.ApiKeyVariable}}"),
                ExtraHeaders = new Dictionary<string, string>
                {{{v.HeaderLines(2, (name, value) => $"[{name}] = {value},")}}
                },
            });
            var message = await client.Messages.Create(new MessageCreateParams
            {
                Model = {{v.Model}},
                MaxTokens = 256,
                Messages = [new UserMessageParam("Hello")],
            });
            foreach (var block in message.Content)
            {
                if (block.TryPickText(out var text))
                    Console.WriteLine(text.Text);
            }
            """));
}
