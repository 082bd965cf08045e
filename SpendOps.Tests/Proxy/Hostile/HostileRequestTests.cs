using System.Text;
using System.Text.Json;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Forwarding;
using static SpendOps.Tests.Proxy.Hostile.HostileCase;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// Hostile requests, sent byte for byte on a raw connection, one row each: what the client reads (status, error
/// code, exact message in the provider's error shape) and, for calls that are forwarded, the exact path and
/// query the provider receives. No row may answer 5xx or leave the client without an answer.
/// </summary>
public sealed class HostileRequestTests(HostileFixture fixture) : IClassFixture<HostileFixture>, IAsyncLifetime
{
    public static readonly string[] AllowedModels = ["gpt-4.1", "gpt-4o-mini-transcribe"];

    private const string Chat = "/v1/openai/v1/chat/completions";
    private const string Json = "Content-Type: application/json";
    private const string Key = "X-ASO-API-Key: {key}";
    private const string Restricted = "X-ASO-API-Key: {restricted}";
    private const string ChatBody = "{\"model\":\"gpt-4.1\",\"messages\":[]}";

    private const string ConflictingKeys = "AI SpendOps: Invalid X-ASO-API-Key (send exactly one key)";
    private const string ModelNotAllowed = "AI SpendOps: Model not allowed by API key policy";
    private const string AmbiguousModel = "AI SpendOps: The request names more than one model; send exactly one model";
    private const string MalformedBody = "AI SpendOps: The request body could not be read (invalid chunked encoding)";
    private const string Unforwardable = "AI SpendOps: The request path cannot be forwarded exactly as sent (dot segments or an unexpected form); send a plain /v1/{provider}/... path";
    private const string UpgradeRefused = "AI SpendOps: WebSocket sessions (OpenAI Realtime, Gemini Live) are not proxied; use the provider's HTTP API";
    private static readonly string TooLarge = $"AI SpendOps: Request body is larger than the proxy's limit of {HostileFixture.MaxBody} bytes (Proxy:MaxRequestBodyBytes)";

    private static readonly string[] WebSocketHeaders = ["Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="];

    private static readonly Dictionary<string, HostileCase> Cases = new()
    {
        // Keys: more than one distinct key never authenticates, whichever of them is valid.
        ["two key fields, valid one first"] = new(Post(Chat, Json, Key, "X-ASO-API-Key: aso_k_bogus.secret"), Text(ChatBody), 403, "aso_invalid_api_key", ConflictingKeys),
        ["two key fields, valid one second"] = new(Post(Chat, Json, "X-ASO-API-Key: aso_k_bogus.secret", Key), Text(ChatBody), 403, "aso_invalid_api_key", ConflictingKeys),
        ["one key field with a comma-joined list"] = new(Post(Chat, Json, "X-ASO-API-Key: aso_k_bogus.secret, {key}"), Text(ChatBody), 403, "aso_invalid_api_key", ConflictingKeys),
        ["two valid keys"] = new(Post(Chat, Json, Key, "X-ASO-API-Key: {other}"), Text(ChatBody), 403, "aso_invalid_api_key", ConflictingKeys),
        ["two key fields in the Anthropic shape"] = new(Post("/v1/anthropic/v1/messages", Json, Key, "x-aso-api-key: aso_k_bogus.secret"), Text(ChatBody), 403, null, ConflictingKeys),
        ["the same key sent twice"] = new(Post(Chat, Json, Key, Key), Text(ChatBody), 200, null, null, "/v1/chat/completions"),

        // Dimensions: conflicting repeats are refused, not resolved by a first- or last-wins guess.
        ["two X-ASO-Dims fields naming one dimension"] = new(Post(Chat, Json, Key, "X-ASO-Dims: team=web", "X-ASO-Dims: team=finance"), Text(ChatBody), 400, "aso_invalid_dims",
            "AI SpendOps: Invalid X-ASO-Dims: dimension 'team' is given twice"),
        ["two customer ids"] = new(Post(Chat, Json, Key, "x-litellm-customer-id: acme", "x-litellm-customer-id: globex"), Text(ChatBody), 400, "aso_invalid_dims",
            "AI SpendOps: Invalid x-litellm-customer-id: sent more than once with different values; send it once"),
        ["two X-ASO-Dims fields naming different dimensions"] = new(Post(Chat, Json, Key, "X-ASO-Dims: team=web", "X-ASO-Dims: env=prod"), Text(ChatBody), 200, null, null, "/v1/chat/completions"),

        // Paths: the provider receives the client's bytes, or nothing.
        ["escaped slash in the path and query"] = new(Post("/v1/openai/v1/files/a%2Fb?purpose=x%2Fy&z=%252F", Json, Key), Text(ChatBody), 200, null, null, "/v1/files/a%2Fb?purpose=x%2Fy&z=%252F"),
        ["escaped letter stays escaped"] = new(Post("/v1/openai/v1/chat%2Dcompletions", Json, Key), Text(ChatBody), 200, null, null, "/v1/chat%2Dcompletions"),
        ["escaped space and unicode"] = new(Post("/v1/openai/v1/files/a%20b%C3%A9%E2%82%AC", Json, Key), Text(ChatBody), 200, null, null, "/v1/files/a%20b%C3%A9%E2%82%AC"),
        ["lower-case escapes"] = new(Post("/v1/openai/v1/files/a%2fb%c3%a9", Json, Key), Text(ChatBody), 200, null, null, "/v1/files/a%2fb%c3%a9"),
        ["absolute-form target"] = new(Post("http://proxy.test/v1/openai/v1/chat/completions?x=1", Json, Key), Text(ChatBody), 200, null, null, "/v1/chat/completions?x=1"),
        ["dot segments"] = new(Post("/v1/openai/v1/../v1/chat/completions", Json, Key), Text(ChatBody), 400, "aso_invalid_path", Unforwardable),
        ["escaped dot segments"] = new(Post("/v1/openai/v1/%2e%2e/v1/chat/completions", Json, Key), Text(ChatBody), 400, "aso_invalid_path", Unforwardable),

        // Bodies: broken framing is the client's error, and an oversized body is answered before the connection closes.
        ["chunk size that overflows"] = new(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked"), Text("FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"), 400, "aso_malformed_body", MalformedBody),
        ["chunk size that is not hex"] = new(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked"), Text("zz\r\nabc\r\n0\r\n\r\n"), 400, "aso_malformed_body", MalformedBody),
        ["chunk without its line end"] = new(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked"), Text("3\r\nabcXX0\r\n\r\n"), 400, "aso_malformed_body", MalformedBody),
        ["40 MB body with Content-Length"] = new(Post(Chat, Json, Key), LargeJson(40 * 1024 * 1024), 413, "aso_request_too_large", TooLarge),
        ["40 MB body with Content-Length, client reads after sending"] = new(Post(Chat, Json, Key), LargeJson(40 * 1024 * 1024), 413, "aso_request_too_large", TooLarge) { ReadAfterSending = true },
        ["8 MB chunked body"] = new(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked"), Chunked(LargeJson(8 * 1024 * 1024)), 413, "aso_request_too_large", TooLarge),
        ["8 MB chunked body, client reads after sending"] = new(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked"), Chunked(LargeJson(8 * 1024 * 1024)), 413, "aso_request_too_large", TooLarge) { ReadAfterSending = true },
        ["40 MB body with an unknown key, client reads after sending"] = new(Post(Chat, Json, "X-ASO-API-Key: aso_k_bogus.secret"), LargeJson(40 * 1024 * 1024), 403, "aso_invalid_api_key", "AI SpendOps: Invalid X-ASO-API-Key (unknown)") { ReadAfterSending = true },
        ["body at the limit"] = new(Post(Chat, Json, Key), LargeJson(HostileFixture.MaxBody), 200, null, null, "/v1/chat/completions"),

        // Upgrades: a tunnel would bypass the allow-list and the usage record.
        ["OpenAI Realtime websocket"] = new(Request("GET", "/v1/openai/v1/realtime?model=gpt-realtime", [Key, .. WebSocketHeaders]), [], 400, "aso_upgrade_not_supported", UpgradeRefused),
        ["Gemini Live websocket"] = new(Request("GET", "/v1/google/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent", [Key, .. WebSocketHeaders]), [], 400, null, UpgradeRefused),
        ["websocket without a key"] = new(Request("GET", "/v1/openai/v1/realtime", WebSocketHeaders), [], 400, "aso_upgrade_not_supported", UpgradeRefused),
        ["Upgrade header without Connection: Upgrade"] = new(Request("GET", "/v1/openai/v1/realtime", Key, "Upgrade: websocket"), [], 400, "aso_upgrade_not_supported", UpgradeRefused),
        ["h2c offer from curl --http2"] = new(Request("GET", "/v1/openai/v1/models", Key, "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"), [], 200, null, null, "/v1/models"),

        // The model in the query string (OpenAI Realtime's ?model=) counts when the body names none.
        ["query model outside the allow-list"] = new(Post("/v1/openai/v1/realtime/sessions?model=gpt-4o", Restricted), [], 403, "aso_model_not_allowed", ModelNotAllowed),
        ["query model on a GET outside the allow-list"] = new(Request("GET", "/v1/openai/v1/realtime?model=gpt-4o", Restricted), [], 403, "aso_model_not_allowed", ModelNotAllowed),
        ["query model in the allow-list"] = new(Post("/v1/openai/v1/realtime/sessions?model=gpt-4.1", Restricted), [], 200, null, null, "/v1/realtime/sessions?model=gpt-4.1"),
        ["query model and body model differ"] = new(Post(Chat + "?model=gpt-4o", Json, Restricted), Text(ChatBody), 400, "aso_ambiguous_model", AmbiguousModel),
        ["two query models"] = new(Post("/v1/openai/v1/realtime/sessions?model=gpt-4.1&model=gpt-4o", Restricted), [], 400, "aso_ambiguous_model", AmbiguousModel),

        // JSON bodies naming the model twice.
        ["two different model keys"] = new(Post(Chat, Json, Restricted), Text("{\"model\":\"gpt-4.1\",\"messages\":[],\"model\":\"gpt-4o\"}"), 400, "aso_ambiguous_model", AmbiguousModel),
        ["model key in another letter case"] = new(Post(Chat, Json, Restricted), Text("{\"model\":\"gpt-4.1\",\"Model\":\"gpt-4o\"}"), 400, "aso_ambiguous_model", AmbiguousModel),
        ["escaped model key"] = new(Post(Chat, Json, Restricted), Text("{\"model\":\"gpt-4.1\",\"mod\\u0065l\":\"gpt-4o\"}"), 400, "aso_ambiguous_model", AmbiguousModel),
        ["the same model twice"] = new(Post(Chat, Json, Restricted), Text("{\"model\":\"gpt-4.1\",\"model\":\"gpt-4.1\"}"), 200, null, null, "/v1/chat/completions"),
        ["two different model keys, unrestricted key"] = new(Post(Chat, Json, Key), Text("{\"model\":\"gpt-4.1\",\"model\":\"gpt-4o\"}"), 200, null, null, "/v1/chat/completions"),

        // Multipart forms: part headers are case-insensitive, and every model field counts.
        ["lower-case content-disposition, model outside the allow-list"] = new(Post(Transcriptions, Form, Restricted), Multipart(("content-disposition", "whisper-1")), 403, "aso_model_not_allowed", ModelNotAllowed),
        ["lower-case content-disposition, allowed model"] = new(Post(Transcriptions, Form, Restricted), Multipart(("content-disposition", "gpt-4o-mini-transcribe")), 200, null, null, "/v1/audio/transcriptions"),
        ["second model part in lower case"] = new(Post(Transcriptions, Form, Restricted),
            Multipart(("Content-Disposition", "gpt-4o-mini-transcribe"), ("content-disposition", "whisper-1")), 400, "aso_ambiguous_model", AmbiguousModel),
        ["second model part in capitals"] = new(Post(Transcriptions, Form, Restricted),
            Multipart(("content-disposition", "gpt-4o-mini-transcribe"), ("CONTENT-DISPOSITION", "whisper-1")), 400, "aso_ambiguous_model", AmbiguousModel),
        ["the same model part twice"] = new(Post(Transcriptions, Form, Restricted),
            Multipart(("Content-Disposition", "gpt-4o-mini-transcribe"), ("content-disposition", "gpt-4o-mini-transcribe")), 200, null, null, "/v1/audio/transcriptions"),
        ["two model parts, unrestricted key"] = new(Post(Transcriptions, Form, Key),
            Multipart(("Content-Disposition", "gpt-4o-mini-transcribe"), ("content-disposition", "whisper-1")), 200, null, null, "/v1/audio/transcriptions"),
        ["form without its closing boundary"] = new(Post(Transcriptions, Form, Restricted), Multipart(("Content-Disposition", "gpt-4o-mini-transcribe"))[..^8], 403, "aso_model_not_allowed", ModelNotAllowed),
    };

    private const string Transcriptions = "/v1/openai/v1/audio/transcriptions";
    private const string Boundary = "hostile-boundary-1";
    private const string Form = "Content-Type: multipart/form-data; boundary=" + Boundary;

    /// <summary>The rows above and the generated families: proxy keys and dimensions, request form, ingest.</summary>
    private static readonly Dictionary<string, HostileCase> AllCases = new([.. Cases, .. ProxyKeyAndDimsRows.All(), .. ProxyRequestRows.All(), .. IngestRequestRows.All()]);

    public static TheoryData<string> CaseNames => [.. AllCases.Keys];

    private IReadOnlyDictionary<string, string> placeholders = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        placeholders = await fixture.PlaceholdersAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Suite_HasAtLeast250Rows() => Assert.True(AllCases.Count >= 250, $"{AllCases.Count} rows");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileRequest_GetsItsExpectedAnswer(string name)
    {
        var hostile = AllCases[name];
        var head = placeholders.Aggregate(hostile.Head.Replace("{length}", hostile.Body.Length.ToString()), (text, p) => text.Replace(p.Key, p.Value));

        if (hostile.Envelope == HostileEnvelope.Closed)
        {
            await Assert.ThrowsAsync<IOException>(() => RawHttpExchange.SendAsync(fixture.App.BaseAddress, head, hostile.Body, hostile.ReadAfterSending, hostile.HalfClose));
            Assert.Empty(fixture.Upstream.Requests);
            return;
        }
        var response = await RawHttpExchange.SendAsync(fixture.App.BaseAddress, head, hostile.Body, hostile.ReadAfterSending, hostile.HalfClose);

        // 505 is HTTP's own answer to a protocol version the server does not speak, given before SpendOps runs.
        Assert.True(response.Status < 500 || (hostile.Envelope == HostileEnvelope.Server && response.Status == 505), $"{response.Status}: {response.Body}");
        Assert.True(hostile.Status == response.Status, $"expected {hostile.Status}, got {response.Status}: {response.Body}");
        if (hostile.UpstreamTarget is not null)
        {
            Assert.Equal(hostile.UpstreamTarget, Assert.Single(fixture.Upstream.Requests).RawTarget);
            return;
        }
        Assert.Empty(fixture.Upstream.Requests);
        var target = head.Split(' ', 3)[1];
        switch (hostile.Envelope)
        {
            case HostileEnvelope.Server:
                Assert.Equal("", response.Body);
                Assert.False(response.Headers.ContainsKey("X-ASO-Request-Id"));
                return;
            case HostileEnvelope.Otlp:
                var (code, message) = HostileAnswers.OtlpStatus(response);
                Assert.Equal(HostileAnswers.RpcCode(hostile.Status), code);
                if (response.Status >= 400)
                    Assert.True(hostile.Message == message, message);
                return;
            case HostileEnvelope.ByPath:
                Assert.Equal(hostile.Message, ProxyContractTests.ErrorMessage(response.Body, target));
                break;
            default:
                Assert.Equal(hostile.Message, HostileAnswers.ProviderMessage(response.Body, hostile.Envelope, hostile.Status));
                break;
        }
        if (hostile.Code is not null && hostile.Envelope is HostileEnvelope.ByPath or HostileEnvelope.OpenAi && !target.Contains("/anthropic/", StringComparison.Ordinal) && !target.Contains("/google/", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(response.Body);
            Assert.Equal(hostile.Code, json.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.StartsWith("aso_", response.Headers["X-ASO-Request-Id"]);
    }

    private static byte[] LargeJson(int length)
    {
        var body = new byte[length];
        body.AsSpan().Fill((byte)'x');
        var prefix = "{\"model\":\"gpt-4.1\",\"input\":\""u8;
        prefix.CopyTo(body);
        "\"}"u8.CopyTo(body.AsSpan(length - 2));
        return body;
    }

    private static byte[] Chunked(byte[] content) =>
        [.. Encoding.ASCII.GetBytes($"{content.Length:X}\r\n"), .. content, .. "\r\n0\r\n\r\n"u8.ToArray()];

    /// <summary>A transcription form: a file part, then one model field per entry, its disposition header spelled as given.</summary>
    private static byte[] Multipart(params (string HeaderName, string Model)[] models)
    {
        var form = new StringBuilder();
        form.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n");
        foreach (var (headerName, model) in models)
            form.Append($"--{Boundary}\r\n{headerName}: form-data; name=\"model\"\r\n\r\n{model}\r\n");
        form.Append($"--{Boundary}--\r\n");
        return Encoding.UTF8.GetBytes(form.ToString());
    }
}
