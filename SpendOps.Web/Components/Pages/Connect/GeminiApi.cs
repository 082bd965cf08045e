using SpendOps.Core.Providers;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// Gemini's generateContent: the model is part of the path and the key goes in <c>x-goog-api-key</c>. Google's SDKs take
/// the base URL and extra headers in their HTTP options; .NET has no such SDK, so it uses OpenAI's against Gemini's
/// OpenAI-compatible endpoint.
/// </summary>
internal static class GeminiApi
{
    public static ApiFamily Facts { get; } = new(
        ProviderFamily.Gemini,
        GenerationPath: model => $"/v1beta/models/{model}:generateContent",
        AuthHeaders: ["x-goog-api-key: {key}"],
        RequestBody: _ => """{"contents":[{"parts":[{"text":"Hello"}]}]}""",
        OpenAiCompatibleSuffix: "/v1beta/openai",
        Python: new("google-genai", v => $$"""
            import os
            from google import genai
            from google.genai import types

            client = genai.Client(
                api_key=os.environ["{{v.ApiKeyVariable}}"],
                http_options=types.HttpOptions(
                    base_url={{v.BaseUrl}},
                    headers={{v.HeaderObject(2)}},
                ),
            )
            response = client.models.generate_content(model={{v.Model}}, contents="Hello")
            print(response.text)
            """),
        TypeScript: new("@google/genai", v => $$"""
            import { GoogleGenAI } from "@google/genai";

            const ai = new GoogleGenAI({
              apiKey: process.env.{{v.ApiKeyVariable}},
              httpOptions: {
                baseUrl: {{v.BaseUrl}},
                headers: {{v.HeaderObject(2)}},
              },
            });
            const response = await ai.models.generateContent({ model: {{v.Model}}, contents: "Hello" });
            console.log(response.text);
            """),
        DotNet: OpenAiCompatibleApi.DotNetSdk("Uses Gemini's OpenAI-compatible endpoint through SpendOps."));
}
