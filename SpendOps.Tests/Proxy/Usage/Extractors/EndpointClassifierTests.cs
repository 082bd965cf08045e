using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class EndpointClassifierTests
{
    public static TheoryData<string, string, string, string, bool, string, string?> Paths => new()
    {
        { "openai", "POST", "/v1/chat/completions", "chat.completions", true, "OpenAi", null },
        { "openai", "POST", "/v1/responses", "responses", true, "OpenAiResponses", null },
        { "openai", "POST", "/v1/responses/input_tokens", "responses.input_tokens", false, "None", null },
        { "openai", "GET", "/v1/responses/resp_123", "other", false, "None", null },
        { "openai", "POST", "/v1/embeddings", "embeddings", true, "OpenAi", null },
        { "openai", "POST", "/v1/completions", "completions", true, "OpenAi", null },
        { "openai", "POST", "/v1/images/generations", "images", true, "OpenAiImages", null },
        { "openai", "POST", "/v1/images/edits", "images", true, "OpenAiImages", null },
        { "openai", "POST", "/v1/audio/transcriptions", "audio.transcriptions", true, "OpenAi", null },
        { "openai", "POST", "/v1/audio/speech", "audio.speech", true, "None", null },
        { "openai", "POST", "/v1/moderations", "moderations", false, "None", null },
        { "openai", "GET", "/v1/models", "models", false, "None", null },
        { "openai", "POST", "/v1/files", "files", false, "None", null },
        { "openai", "GET", "/v1/batches/batch_1", "batches", false, "None", null },
        { "openai", "POST", "/v1/threads/thread_1/messages", "other", true, "None", null },
        { "openai", "GET", "/v1/chat/completions/chatcmpl-1", "other", false, "None", null },
        { "openai", "GET", "/v1/chat/completions", "chat.completions", false, "None", null },
        { "anthropic", "POST", "/v1/messages", "messages", true, "Anthropic", null },
        { "anthropic", "POST", "/v1/messages?beta=true", "messages", true, "Anthropic", null },
        { "anthropic", "POST", "/v1/messages/count_tokens?beta=true", "messages.count_tokens", false, "None", null },
        { "anthropic", "POST", "/v1/messages/batches", "batches", false, "None", null },
        { "anthropic", "GET", "/v1/models", "models", false, "None", null },
        { "google", "POST", "/v1beta/models/gemini-2.5-flash:generateContent", "generateContent", true, "Gemini", "gemini-2.5-flash" },
        { "google", "POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=k", "streamGenerateContent", true, "Gemini", "gemini-2.5-flash" },
        { "google", "POST", "/v1/models/gemini-2.5-pro:streamGenerateContent", "streamGenerateContent", true, "Gemini", "gemini-2.5-pro" },
        { "google", "POST", "/v1beta/tunedModels/my-tuned:generateContent", "generateContent", true, "Gemini", "my-tuned" },
        { "google", "POST", "/v1beta/models/gemini-embedding-001:embedContent", "embedContent", true, "Gemini", "gemini-embedding-001" },
        { "google", "POST", "/v1beta/models/gemini-embedding-001:batchEmbedContents", "batchEmbedContents", true, "Gemini", "gemini-embedding-001" },
        { "google", "POST", "/v1beta/models/gemini-2.5-flash:countTokens", "countTokens", false, "None", "gemini-2.5-flash" },
        { "google", "POST", "/v1beta/models/gemini-2.5-flash:batchGenerateContent", "batches", false, "None", "gemini-2.5-flash" },
        { "google", "GET", "/v1beta/models", "models", false, "None", null },
        { "google", "POST", "/upload/v1beta/files", "files", false, "None", null },
        { "google", "POST", "/v1beta/openai/chat/completions", "chat.completions", true, "OpenAi", null },
        { "google", "POST", "/v1beta/openai/embeddings", "embeddings", true, "OpenAi", null },
        { "perplexity", "POST", "/chat/completions", "chat.completions", true, "OpenAi", null },
        { "perplexity", "POST", "/search", "search", true, "None", null },
        { "deepseek", "POST", "/chat/completions", "chat.completions", true, "OpenAi", null },
        { "deepseek", "POST", "/v1/chat/completions", "chat.completions", true, "OpenAi", null },
        { "deepseek", "POST", "/beta/completions", "fim.completions", true, "OpenAi", null },
        { "deepseek", "POST", "/anthropic/v1/messages", "messages", true, "Anthropic", null },
        { "xai", "POST", "/v1/messages", "messages", true, "Anthropic", null },
        { "xai", "POST", "/v1/responses", "responses", true, "OpenAiResponses", null },
        { "novita", "POST", "/openai/v1/chat/completions", "chat.completions", true, "OpenAi", null },
        { "novita", "POST", "/v3/openai/chat/completions", "chat.completions", true, "OpenAi", null },
        { "novita", "POST", "/openai/chat/completions", "chat.completions", true, "OpenAi", null },
        { "deepinfra", "POST", "/v1/openai/chat/completions", "chat.completions", true, "OpenAi", null },
        { "deepinfra", "POST", "/v1/inference/meta-llama/Llama-3.3-70B-Instruct", "inference", true, "None", "meta-llama/Llama-3.3-70B-Instruct" },
        { "mistral", "POST", "/v1/fim/completions", "fim.completions", true, "OpenAi", null },
        { "mistral", "POST", "/v1/moderations", "moderations", true, "OpenAi", null },
        { "mistral", "POST", "/v1/ocr", "ocr", true, "None", null },
        { "groq", "POST", "/v1/audio/transcriptions", "audio.transcriptions", true, "OpenAi", null },
        { "openrouter", "GET", "/v1/generation?id=gen-1", "other", false, "None", null },
        { "nebius", "POST", "/v1/chat/completions/", "chat.completions", true, "OpenAi", null },
        { "cerebras", "POST", "/v1/something/new", "other", true, "None", null },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Classify_ProviderPath_ReturnsNameBillabilityAndFormat(
        string provider, string method, string path, string name, bool billable, string format, string? pathModel)
    {
        var info = ProviderCatalog.Find(provider)!;

        var endpoint = EndpointClassifier.Classify(info, method, path);

        Assert.Equal((name, billable, format, pathModel), (endpoint.Name, endpoint.Billable, endpoint.Format.ToString(), endpoint.PathModel));
    }
}
