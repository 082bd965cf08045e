using SpendOps.Core.Providers;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>Chat Completions with a bearer key, through OpenAI's SDKs: OpenAI and every provider that copies its API.</summary>
internal static class OpenAiCompatibleApi
{
    public static ApiFamily Facts { get; } = new(
        ProviderFamily.OpenAi,
        GenerationPath: _ => "/chat/completions",
        AuthHeaders: ["Authorization: Bearer {key}"],
        RequestBody: model => $$"""{"model":{{model}},"messages":[{"role":"user","content":"Hello"}]}""",
        OpenAiCompatibleSuffix: "",
        Python: new("openai", v => $$"""
            import os
            from openai import OpenAI

            client = OpenAI(
                base_url={{v.BaseUrl}},
                api_key=os.environ["{{v.ApiKeyVariable}}"],
                default_headers={{v.HeaderObject(1)}},
            )
            response = client.chat.completions.create(
                model={{v.Model}},
                messages=[{"role": "user", "content": "Hello"}],
            )
            print(response.choices[0].message.content)
            """, OpenAiCompatibleEndpoint: true),
        TypeScript: new("openai", v => $$"""
            import OpenAI from "openai";

            const client = new OpenAI({
              baseURL: {{v.BaseUrl}},
              apiKey: process.env.{{v.ApiKeyVariable}},
              defaultHeaders: {{v.HeaderObject(1)}},
            });
            const completion = await client.chat.completions.create({
              model: {{v.Model}},
              messages: [{ role: "user", content: "Hello" }],
            });
            console.log(completion.choices[0].message.content);
            """, OpenAiCompatibleEndpoint: true),
        DotNet: DotNetSdk());

    /// <summary>
    /// The OpenAI .NET SDK has no option for extra headers, so a pipeline policy adds them; Gemini's .NET snippet uses
    /// the same SDK against Gemini's OpenAI-compatible endpoint.
    /// </summary>
    public static SdkTemplate DotNetSdk(string? remark = null) => new("OpenAI", v => $$"""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        var options = new OpenAIClientOptions { Endpoint = new Uri({{v.BaseUrl}}) };
        options.AddPolicy(new SpendOpsHeaders(), PipelinePosition.PerCall);
        var client = new ChatClient({{v.Model}}, new ApiKeyCredential(Environment.GetEnvironmentVariable("{{v.ApiKeyVariable}}")!), options);
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
            {{{v.HeaderLines(2, (name, value) => $"message.Request.Headers.Set({name}, {value});")}}
            }
        }
        """, OpenAiCompatibleEndpoint: true, Remark: remark);
}
