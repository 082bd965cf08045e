using System.IO.Compression;
using System.Text;
using static SpendOps.Tests.Proxy.Hostile.HostileCase;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// Hostile proxy rows about the request itself: paths, query strings, methods, HTTP versions, header syntax,
/// framing (Content-Length, chunked, Expect) and bodies that try to smuggle a model past a restricted key.
/// </summary>
public static class ProxyRequestRows
{
    private const string Chat = "/v1/openai/v1/chat/completions";
    private const string Sessions = "/v1/openai/v1/realtime/sessions";
    private const string Json = "Content-Type: application/json";
    private const string Key = "X-ASO-API-Key: {key}";
    private const string Restricted = "X-ASO-API-Key: {restricted}";
    private const string Body = "{\"model\":\"gpt-4.1\",\"messages\":[]}";
    private const string Chunked = "Transfer-Encoding: chunked";

    private const string ModelNotAllowed = "AI SpendOps: Model not allowed by API key policy";
    private const string IncompleteBody = "AI SpendOps: The request body stopped arriving before it was complete; send the whole body its Content-Length or chunked framing announces";
    private const string UpgradeRefused = "AI SpendOps: WebSocket sessions (OpenAI Realtime, Gemini Live) are not proxied; use the provider's HTTP API";
    private const string Unforwardable = "AI SpendOps: The request path cannot be forwarded exactly as sent (dot segments or an unexpected form); send a plain /v1/{provider}/... path";
    private static readonly string TooLarge = $"AI SpendOps: Request body is larger than the proxy's limit of {HostileFixture.MaxBody} bytes (Proxy:MaxRequestBodyBytes)";

    private static string UnknownProvider(string name) =>
        $"AI SpendOps: Unknown provider '{name}'. Use /v1/{{provider}}/... with one of: " +
        "anthropic, cerebras, deepinfra, deepseek, fireworks, google, groq, mistral, nebius, novita, openai, openrouter, perplexity, xai";

    private static HostileCase Forwarded(string head, string body, string upstreamTarget) => new(head, Text(body), 200, null, null, upstreamTarget);

    private static HostileCase Refused(string head, string body, int status, string code, string message) => new(head, Text(body), status, code, message);

    /// <summary>Refused by the web server before SpendOps reads it: not well-formed HTTP/1.1.</summary>
    private static HostileCase ServerRefused(string head, int status, string body = "") => new(head, Text(body), status, null, null) { Envelope = HostileEnvelope.Server };

    private static HostileCase Closed(string head, string body) => new(head, Text(body), 0, null, null) { Envelope = HostileEnvelope.Closed, HalfClose = true };

    public static IEnumerable<KeyValuePair<string, HostileCase>> All() => new Dictionary<string, HostileCase>
    {
        // Paths.
        ["path: unknown provider"] = Refused(Post("/v1/acme/v1/chat/completions", Json, Key), Body, 404, "aso_unknown_provider", UnknownProvider("acme")),
        ["path: provider name with a dot"] = Refused(Post("/v1/open.ai/v1/chat/completions", Json, Key), Body, 404, "aso_unknown_provider", UnknownProvider("open.ai")),
        ["path: unknown provider without a key"] = Refused(Post("/v1/acme/v1/chat/completions", Json), Body, 404, "aso_unknown_provider", UnknownProvider("acme")),
        ["path: provider name in capitals"] = Forwarded(Post("/v1/OPENAI/v1/chat/completions", Json, Key), Body, "/v1/chat/completions"),
        ["path: escaped letter in the provider name"] = Forwarded(Post("/v1/%6Fpenai/v1/chat/completions", Json, Key), Body, "/v1/chat/completions"),
        ["path: dot segment into another provider"] = Refused(Post("/v1/openai/../anthropic/v1/messages", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: single-dot segment"] = Refused(Post("/v1/openai/./v1/chat/completions", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: dot segment at the end"] = Refused(Post("/v1/openai/v1/chat/completions/..", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: escaped dot segment in mixed case"] = Refused(Post("/v1/openai/v1/%2e%2E/v1/chat/completions", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: half-escaped dot segment"] = Refused(Post("/v1/openai/v1/.%2e/v1/chat/completions", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: double slash"] = Forwarded(Post("/v1/openai//v1/chat/completions", Json, Key), Body, "//v1/chat/completions"),
        ["path: escaped NUL"] = ServerRefused(Post("/v1/openai/v1/files/a%00b", Json, Key), 400),
        ["path: raw non-ASCII byte"] = ServerRefused(Post("/v1/openai/v1/files/\u00e9", Json, Key), 400),
        ["path: fragment"] = Refused(Post("/v1/openai/v1/chat/completions#frag", Json, Key), Body, 400, "aso_invalid_path", Unforwardable),
        ["path: longer than the request line limit"] = ServerRefused(Post("/v1/openai/v1/files/" + new string('a', 9000), Json, Key), 414),
        ["path: long but under the request line limit"] = Forwarded(Post("/v1/openai/v1/files/" + new string('a', 7000), Json, Key), Body, "/v1/files/" + new string('a', 7000)),
        ["path: asterisk-form target on POST"] = ServerRefused(Post("*", Json, Key), 405),
        ["path: authority-form target on POST"] = ServerRefused(Post("proxy.test:80", Json, Key), 405),

        // Query strings: forwarded byte for byte; a model hidden in one still counts.
        ["query: repeated parameter"] = Forwarded(Post(Chat + "?a=1&a=2", Json, Key), Body, "/v1/chat/completions?a=1&a=2"),
        ["query: broken escape"] = Forwarded(Post(Chat + "?q=%zz&r=%", Json, Key), Body, "/v1/chat/completions?q=%zz&r=%"),
        ["query: escaped model name, restricted key"] = Refused(Post(Sessions + "?mod%65l=gpt-4o", Restricted), "", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["query: model with a trailing plus, restricted key"] = Refused(Post(Sessions + "?model=gpt-4.1+", Restricted), "", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["query: empty model, restricted key"] = Refused(Post(Sessions + "?model=", Restricted), "", 403, "aso_model_not_allowed", ModelNotAllowed),

        // Methods.
        ["method: GET"] = Forwarded(Request("GET", "/v1/openai/v1/models", Key), "", "/v1/models"),
        ["method: DELETE, restricted key"] = Forwarded(Request("DELETE", "/v1/openai/v1/files/file-1", Restricted), "", "/v1/files/file-1"),
        ["method: PUT without a model, restricted key"] = Refused(Post("/v1/openai/v1/files/file-1", Json, Restricted).Replace("POST ", "PUT "), "{}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["method: PATCH with an allowed model, restricted key"] = Forwarded(Post(Chat, Json, Restricted).Replace("POST ", "PATCH "), Body, "/v1/chat/completions"),
        ["method: custom method"] = Forwarded(Request("PURGE", "/v1/openai/v1/models", Key), "", "/v1/models"),
        ["method: CONNECT"] = Refused(Request("CONNECT", "/v1/openai/v1/models", Key), "", 400, "aso_upgrade_not_supported", UpgradeRefused),

        // HTTP versions.
        ["version: HTTP/1.0 with a body"] = Forwarded(Post(Chat, Json, Key).Replace(" HTTP/1.1", " HTTP/1.0"), Body, "/v1/chat/completions"),
        ["version: HTTP/1.0 without Host"] = Forwarded(Post(Chat, Json, Key).Replace(" HTTP/1.1", " HTTP/1.0").Replace("\r\nHost: proxy.test", ""), Body, "/v1/chat/completions"),
        ["version: HTTP/1.1 without Host"] = ServerRefused(Post(Chat, Json, Key).Replace("\r\nHost: proxy.test", ""), 400),
        ["version: HTTP/1.2"] = ServerRefused(Post(Chat, Json, Key).Replace(" HTTP/1.1", " HTTP/1.2"), 505),
        ["version: HTTP/2.0 on an HTTP/1 connection"] = ServerRefused(Post(Chat, Json, Key).Replace(" HTTP/1.1", " HTTP/2.0"), 505),
        ["version: no version"] = ServerRefused(Post(Chat, Json, Key).Replace(" HTTP/1.1", ""), 400),

        // Header syntax.
        ["header: line without a colon"] = ServerRefused(Post(Chat, Json, Key, "NoColonHere"), 400),
        ["header: space before the colon"] = ServerRefused(Post(Chat, Json, "X-ASO-API-Key : {key}"), 400),
        ["header: folded continuation line"] = ServerRefused(Post(Chat, Json, "X-ASO-Dims: team=web", " env=prod", Key), 400),
        ["header: name with a parenthesis"] = Forwarded(Post(Chat, Json, Key, "X-(Bad): 1"), Body, "/v1/chat/completions"),
        ["header: NUL in a value"] = ServerRefused(Post(Chat, Json, Key, "X-Thing: a\0b"), 400),
        ["header: two Host fields"] = ServerRefused(Post(Chat, Json, Key, "Host: other.test"), 400),
        ["header: 40 KB of headers"] = ServerRefused(Post(Chat, Json, Key, "X-Padding: " + new string('p', 40 * 1024)), 431),
        ["header: 101 fields"] = ServerRefused(Post(Chat, [Json, Key, .. Enumerable.Range(0, 101).Select(n => $"X-Field-{n}: {n}")]), 431),
        ["header: key with surrounding whitespace"] = Forwarded(Post(Chat, Json, "X-ASO-API-Key: \t {key} \t"), Body, "/v1/chat/completions"),
        ["header: key field name in lower case"] = Forwarded(Post(Chat, Json, "x-aso-api-key: {key}"), Body, "/v1/chat/completions"),

        // Content-Length.
        ["length: overflowing Content-Length"] = ServerRefused(Request("POST", Chat, Json, Key, "Content-Length: 99999999999999999999"), 400),
        ["length: negative Content-Length"] = ServerRefused(Request("POST", Chat, Json, Key, "Content-Length: -1"), 400),
        ["length: Content-Length that is not a number"] = ServerRefused(Request("POST", Chat, Json, Key, "Content-Length: abc"), 400),
        ["length: two different Content-Lengths"] = ServerRefused(Request("POST", Chat, Json, Key, "Content-Length: 10", "Content-Length: 11"), 400, "0123456789"),
        ["length: a terabyte announced, nothing sent"] = Refused(Request("POST", Chat, Json, Key, "Content-Length: 1099511627776"), "", 413, "aso_request_too_large", TooLarge),
        ["length: body shorter than Content-Length, then the client stops"] = Closed(Request("POST", Chat, Json, Key, "Content-Length: 500"), Body),
        ["length: body shorter than Content-Length, client waits"] = Refused(Request("POST", Chat, Json, Key, "Content-Length: 500"), Body, 400, "aso_malformed_body", IncompleteBody),

        // Chunked framing.
        ["chunked: body cut off, then the client stops"] = Closed(Request("POST", Chat, Json, Key, Chunked), "40\r\n{\"model\":\"gpt"),
        ["chunked: no last chunk, then the client stops"] = Closed(Request("POST", Chat, Json, Key, Chunked), ChunkedText(Body)[..^5]),
        ["chunked: body cut off, client waits"] = Refused(Request("POST", Chat, Json, Key, Chunked), "40\r\n{\"model\":\"gpt", 400, "aso_malformed_body", IncompleteBody),
        ["chunked: trailer fields"] = Forwarded(Request("POST", Chat, Json, Key, Chunked), ChunkedText(Body)[..^2] + "X-Trailer: 1\r\n\r\n", "/v1/chat/completions"),
        ["chunked: chunk extension"] = Forwarded(Request("POST", Chat, Json, Key, Chunked), $"{Body.Length:X};ext=1\r\n{Body}\r\n0\r\n\r\n", "/v1/chat/completions"),
        ["chunked: empty body"] = Forwarded(Request("POST", "/v1/openai/v1/models", Key, Chunked), "0\r\n\r\n", "/v1/models"),
        ["chunked: one byte per chunk"] = Forwarded(Request("POST", Chat, Json, Key, Chunked), string.Concat(Body.Select(c => $"1\r\n{c}\r\n")) + "0\r\n\r\n", "/v1/chat/completions"),
        // Chunked framing wins over a Content-Length (RFC 9112 6.3); the proxy re-frames the body, so nothing is smuggled.
        ["chunked: and a Content-Length"] = Forwarded(Request("POST", Chat, Json, Key, Chunked, "Content-Length: 5"), ChunkedText(Body), "/v1/chat/completions"),
        ["chunked: identity transfer coding"] = ServerRefused(Request("POST", Chat, Json, Key, "Transfer-Encoding: identity"), 400, Body),
        ["chunked: chunked listed twice"] = Forwarded(Request("POST", Chat, Json, Key, "Transfer-Encoding: chunked, chunked"), ChunkedText(Body), "/v1/chat/completions"),
        ["chunked: 8 MB chunk size, client stops"] = Closed(Request("POST", Chat, Json, Key, Chunked), "800000\r\nabc"),
        ["chunked: 8 MB chunk size, client waits"] = Refused(Request("POST", Chat, Json, Key, Chunked), "800000\r\nabc", 400, "aso_malformed_body", IncompleteBody),

        // Expect: 100-continue.
        ["expect: 100-continue"] = Forwarded(Post(Chat, Json, Key, "Expect: 100-continue"), Body, "/v1/chat/completions"),
        ["expect: 100-continue with an unknown key"] = Refused(Post(Chat, Json, "X-ASO-API-Key: aso_k_kbogus.secret", "Expect: 100-continue"), Body, 403, "aso_invalid_api_key", ProxyKeyAndDimsRows.KeyUnknown),
        ["expect: 100-continue over the body limit"] = Refused(Request("POST", Chat, Json, Key, "Expect: 100-continue", $"Content-Length: {HostileFixture.MaxBody + 1}"), "", 413, "aso_request_too_large", TooLarge),

        // Bodies: whatever the restricted key cannot read has no model, and a POST without a model is refused.
        ["body: bad JSON, unrestricted key"] = Forwarded(Post(Chat, Json, Key), "{\"model\":", "/v1/chat/completions"),
        ["body: bad JSON, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"model\":\"gpt-4.1\",", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: empty POST, restricted key"] = Refused(Post(Chat, Json, Restricted), "", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: model nested in metadata, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"metadata\":{\"model\":\"gpt-4.1\"},\"messages\":[]}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: model as a number, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"model\":41}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: model as an array, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"model\":[\"gpt-4.1\",\"gpt-4o\"]}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: model with a trailing space, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"model\":\"gpt-4.1 \"}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: NaN literal, restricted key"] = Refused(Post(Chat, Json, Restricted), "{\"model\":\"gpt-4.1\",\"temperature\":NaN}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: top-level array, restricted key"] = Refused(Post(Chat, Json, Restricted), "[{\"model\":\"gpt-4.1\"}]", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: byte order mark, restricted key"] = Refused(Post(Chat, Json, Restricted), "\uFEFF" + Body, 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: escaped characters in the model, restricted key"] = Forwarded(Post(Chat, Json, Restricted), "{\"model\":\"gpt\\u002d4.1\",\"messages\":[]}", "/v1/chat/completions"),
        ["body: text/plain holding JSON, restricted key"] = Forwarded(Post(Chat, "Content-Type: text/plain", Restricted), Body, "/v1/chat/completions"),
        ["body: no Content-Type, disallowed model, restricted key"] = Refused(Post(Chat, Restricted), "{\"model\":\"gpt-4o\"}", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: gzip-encoded, restricted key"] = new(Post(Chat, Json, "Content-Encoding: gzip", Restricted), Gzip(Body), 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: multipart without a boundary, restricted key"] = Refused(Post("/v1/openai/v1/audio/transcriptions", "Content-Type: multipart/form-data", Restricted),
            "--x\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-4.1\r\n--x--\r\n", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: multipart model name unquoted, restricted key"] = Refused(Post("/v1/openai/v1/audio/transcriptions", "Content-Type: multipart/form-data; boundary=x", Restricted),
            "--x\r\nContent-Disposition: form-data; name=model\r\n\r\nwhisper-1\r\n--x--\r\n", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: multipart JSON part naming a model, restricted key"] = Refused(Post("/v1/openai/v1/audio/transcriptions", "Content-Type: multipart/form-data; boundary=x", Restricted),
            "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\nContent-Type: application/json\r\n\r\n{\"model\":\"gpt-4.1\"}\r\n--x--\r\n", 403, "aso_model_not_allowed", ModelNotAllowed),
        ["body: one byte over the limit"] = Refused(Post(Chat, Json, Key), "{\"model\":\"gpt-4.1\",\"input\":\"" + new string('x', HostileFixture.MaxBody - 29) + "\"}", 413, "aso_request_too_large", TooLarge),
    };

    private static string ChunkedText(string body) => $"{Encoding.UTF8.GetByteCount(body):X}\r\n{body}\r\n0\r\n\r\n";

    private static byte[] Gzip(string body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(body));
        return output.ToArray();
    }
}
