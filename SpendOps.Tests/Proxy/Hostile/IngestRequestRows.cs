using System.IO.Compression;
using System.Text;
using static SpendOps.Tests.Proxy.Hostile.HostileCase;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// Hostile rows for the OTLP ingest: every wrong, missing or duplicated ingest key on both signals in both
/// encodings, then bodies that are too big, inflate too far, are not what they claim, or break strict OTLP/JSON.
/// The answer is a <c>google.rpc.Status</c> in the request's encoding whose message says what to fix.
/// </summary>
public static class IngestRequestRows
{
    private const string Root = "/api/v1/public/ingest/otel/claude/{connection}";
    private const string Bearer = "Authorization: Bearer ";
    private const string EmptyLogs = "{\"resourceLogs\":[]}";

    private const string UnknownKeyShape = "Unknown ingest key. Check that the whole key was copied; keys start with ss_live_.";
    private const string UnknownKey = "Unknown ingest key. Check that the whole key was copied, or rotate it to get a new one.";
    private const string NotBearer = "The Authorization header must be 'Bearer <ingest key>', with a space between Bearer and the key.";
    private static readonly string TooLarge = $"Body larger than {HostileFixture.MaxTelemetryBody} bytes (after decompression). Lower the exporter's batch size.";

    private static readonly string[] Signals = ["logs", "metrics"];

    /// <summary>Authorization headers that do not let a batch in: status and message.</summary>
    private static readonly (string Form, string[] Headers, int Status, string Message)[] KeyForms =
    [
        ("no Authorization", [], 401, "Missing Authorization header. Send 'Authorization: Bearer ss_live_...' (in OTEL_EXPORTER_OTLP_HEADERS: Authorization=Bearer ss_live_...)."),
        ("an empty Authorization", ["Authorization: "], 401, "Missing Authorization header. Send 'Authorization: Bearer ss_live_...' (in OTEL_EXPORTER_OTLP_HEADERS: Authorization=Bearer ss_live_...)."),
        ("the key without Bearer", ["Authorization: {ingest}"], 401, NotBearer),
        ("Basic credentials", ["Authorization: Basic dXNlcjpwYXNz"], 401, NotBearer),
        ("Bearer=key as in the env variable", ["Authorization: Bearer={ingest}"], 401, NotBearer),
        ("a truncated key", [Bearer + "ss_live_"], 401, UnknownKeyShape),
        ("the right id with a wrong secret", [Bearer + "{wrongIngest}"], 401, UnknownKey),
        ("a revoked key", [Bearer + "{revokedIngest}"], 401, "This ingest key was revoked. Create a new key with the usage:write scope."),
        ("two Authorization fields", [Bearer + "{ingest}", Bearer + "{foreignIngest}"], 401, UnknownKeyShape),
        ("a proxy key", [Bearer + "{key}"], 403,
            "Invalid scope: this is a proxy key (aso_k_...), which cannot write telemetry. Use an ingest key (ss_live_...) with the usage:write scope: " +
            "create one on the Telemetry page of the portal or with the connections create command, and send it as Authorization: Bearer ss_live_..."),
        ("a key without the usage:write scope", [Bearer + "{unscopedIngest}"], 403, "Invalid scope: this key does not include usage:write. Create or rotate a key that includes it."),
        ("another tenant's key", [Bearer + "{foreignIngest}"], 403, "This ingest key may not write to this connection. Use a key created for it."),
    ];

    public static IEnumerable<KeyValuePair<string, HostileCase>> All()
    {
        foreach (var signal in Signals)
        {
            foreach (var (encoding, contentType) in new[] { ("JSON", "application/json"), ("protobuf", "application/x-protobuf") })
            {
                foreach (var (form, headers, status, message) in KeyForms)
                    yield return Row($"ingest {signal} {encoding}: {form}", Post($"{Root}/v1/{signal}", ["Content-Type: " + contentType, .. headers]), [], status, message);
            }
            foreach (var (form, row) in Bodies(signal))
                yield return new($"ingest {signal}: {form}", row);
        }

        yield return Row("ingest: unknown connection id", Post("/api/v1/public/ingest/otel/claude/6f1c2b57-0000-4000-8000-000000000000/v1/logs", "Content-Type: application/json", Bearer + "{ingest}"),
            Text(EmptyLogs), 404, "Unknown connection id '6f1c2b57-0000-4000-8000-000000000000'. Copy it from the Claude provider page.");
        yield return Row("ingest: connection id that is not a GUID", Post("/api/v1/public/ingest/otel/claude/" + new string('z', 100) + "/v1/logs", "Content-Type: application/json", Bearer + "{ingest}"),
            Text(EmptyLogs), 404, $"Unknown connection id '{new string('z', 80)}…'. Copy it from the Claude provider page.");
        yield return Row("ingest: traces", Post($"{Root}/v1/traces", "Content-Type: application/json", Bearer + "{ingest}"), Text("{\"resourceSpans\":[]}"), 404, NotFound);
        yield return Row("ingest: signal path appended twice", Post($"{Root}/v1/logs/v1/logs", "Content-Type: application/json", Bearer + "{ingest}"), Text(EmptyLogs), 404, NotFound);
        yield return Row("ingest: the connection root itself", Post(Root, "Content-Type: application/json", Bearer + "{ingest}"), Text(EmptyLogs), 404, NotFound);
    }

    private const string NotFound = "Not found. Set OTEL_EXPORTER_OTLP_ENDPOINT to the collector root (.../otel/claude/{connectionId}) without /v1/metrics or /v1/logs; " +
        "the exporter appends those itself. Traces are not accepted.";

    private static IEnumerable<(string Form, HostileCase Row)> Bodies(string signal)
    {
        var path = $"{Root}/v1/{signal}";
        var key = Bearer + "{ingest}";
        var empty = Text(signal == "logs" ? EmptyLogs : "{\"resourceMetrics\":[]}");
        string UnsupportedType(string type) => $"Unsupported Content-Type '{type}'. Use application/json (http/json) or application/x-protobuf (http/protobuf).";

        yield return ("an empty batch", Otlp(Post(path, "Content-Type: application/json", key), empty, 202, null));
        yield return ("JSON with a charset", Otlp(Post(path, "Content-Type: application/json; charset=utf-8", key), empty, 202, null));
        yield return ("no Content-Type", Otlp(Post(path, key), empty, 415, UnsupportedType("")));
        yield return ("text/plain", Otlp(Post(path, "Content-Type: text/plain", key), empty, 415, UnsupportedType("text/plain")));
        yield return ("a JSON look-alike type", Otlp(Post(path, "Content-Type: application/jsonx", key), empty, 415, UnsupportedType("application/jsonx")));
        yield return ("a multipart form", Otlp(Post(path, "Content-Type: multipart/form-data; boundary=x", key), Text("--x--\r\n"), 415, UnsupportedType("multipart/form-data; boundary=x")));
        yield return ("brotli", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: br", key), empty, 415, "Unsupported Content-Encoding 'br'. Use gzip or none."));
        yield return ("deflate", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: deflate", key), empty, 415, "Unsupported Content-Encoding 'deflate'. Use gzip or none."));
        yield return ("gzip that is not gzip", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: gzip", key), empty, 400, "Content-Encoding is gzip but the body is not valid gzip data."));
        yield return ("gzip cut in half", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: gzip", key), Gzip(empty)[..10], 400, "Content-Encoding is gzip but the body is not valid gzip data."));
        yield return ("gzip without its trailer", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: gzip", key), Gzip(empty)[..^8], 400, "Content-Encoding is gzip but the body is not valid gzip data."));
        yield return ("a valid gzip batch", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: gzip", key), Gzip(empty), 202, null));
        yield return ("a gzip bomb", Otlp(Post(path, "Content-Type: application/json", "Content-Encoding: gzip", key), Gzip(new byte[16 * 1024 * 1024]), 413, TooLarge));
        yield return ("a protobuf gzip bomb", Otlp(Post(path, "Content-Type: application/x-protobuf", "Content-Encoding: gzip", key), Gzip(new byte[16 * 1024 * 1024]), 413, TooLarge));
        yield return ("a body over the limit", Otlp(Post(path, "Content-Type: application/json", key), Text("{\"resourceLogs\":[]" + new string(' ', HostileFixture.MaxTelemetryBody) + "}"), 413, TooLarge));
        yield return ("a terabyte announced", Otlp(Request("POST", path, "Content-Type: application/json", key, "Content-Length: 1099511627776"), [], 413, TooLarge));
        yield return ("a chunked body over the limit", Otlp(Request("POST", path, "Content-Type: application/json", key, "Transfer-Encoding: chunked"),
            Text($"{HostileFixture.MaxTelemetryBody + 1:X}\r\n{new string(' ', HostileFixture.MaxTelemetryBody + 1)}\r\n0\r\n\r\n"), 413, TooLarge));
        yield return ("JSON null", Otlp(Post(path, "Content-Type: application/json", key), Text("null"), 400, "request body: expected an object, got null"));
        yield return ("a JSON array", Otlp(Post(path, "Content-Type: application/json", key), Text("[]"), 400, "request body: expected an object, got an array"));
        yield return ("truncated JSON", Otlp(Post(path, "Content-Type: application/json", key), empty[..^2], 400,
            $"invalid JSON at byte {empty.Length - 2}: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."));
        yield return ("protobuf garbage", Otlp(Post(path, "Content-Type: application/x-protobuf", key), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], 400, "invalid protobuf body: CodedInputStream encountered a malformed varint."));
        yield return ("protobuf with a length past the end", Otlp(Post(path, "Content-Type: application/x-protobuf", key), [0x0A, 0x7F, 0x0A, 0x01], 400, TruncatedProtobuf));
        yield return ("JSON sent as protobuf", Otlp(Post(path, "Content-Type: application/x-protobuf", key), empty, 400, TruncatedProtobuf));
        foreach (var (form, json, message) in signal == "logs" ? StrictLogs : StrictMetrics)
            yield return (form, Otlp(Post(path, "Content-Type: application/json", key), Text(json), 400, message));
        var tooMany = signal == "logs"
            ? "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[" + string.Join(',', Enumerable.Repeat("{}", HostileFixture.MaxTelemetryRecords + 1)) + "]}]}]}"
            : "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"sum\":{\"dataPoints\":[" + string.Join(',', Enumerable.Repeat("{\"asInt\":\"1\"}", HostileFixture.MaxTelemetryRecords + 1)) + "]}}]}]}]}";
        yield return ("one record too many", Otlp(Post(path, "Content-Type: application/json", key), Text(tooMany), 413,
            $"The request holds {HostileFixture.MaxTelemetryRecords + 1} records (data points and log records); at most {HostileFixture.MaxTelemetryRecords} are accepted per request " +
            "(setting Telemetry:MaxRecordsPerRequest). Lower the exporter's batch size."));
        var attributes = string.Join(',', Enumerable.Range(0, HostileFixture.MaxTelemetryAttributes + 1).Select(n => $"{{\"key\":\"a{n}\",\"value\":{{\"intValue\":\"1\"}}}}"));
        var tooManyAttributes = signal == "logs"
            ? "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[" + attributes + "]}]}]}]}"
            : "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"sum\":{\"dataPoints\":[{\"asInt\":\"1\",\"attributes\":[" + attributes + "]}]}}]}]}]}";
        yield return ("one attribute too many", Otlp(Post(path, "Content-Type: application/json", key), Text(tooManyAttributes), 413,
            $"The request holds {HostileFixture.MaxTelemetryAttributes + 1} attributes; at most {HostileFixture.MaxTelemetryAttributes} are accepted per request " +
            "(setting Telemetry:MaxAttributesPerRequest). Lower the exporter's batch size."));
    }

    private const string TruncatedProtobuf = "invalid protobuf body: While parsing a protocol message, the input ended unexpectedly in the middle of a field.  " +
        "This could mean either that the input has been truncated or that an embedded message misreported its own length.";

    private const string RecordPath = "resourceLogs[0].scopeLogs[0].logRecords[0]";
    private const string PointPath = "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]";

    private static readonly (string Form, string Json, string Message)[] StrictLogs =
    [
        ("a token count that is not a number", Log("\"attributes\":[{\"key\":\"input_tokens\",\"value\":{\"intValue\":\"many\"}}]"), $"{RecordPath}.attributes[0].value.intValue: expected an integer or a decimal string"),
        ("a cost with a unit", Log("\"attributes\":[{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":\"0.5 USD\"}}]"), $"{RecordPath}.attributes[0].value.doubleValue: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\""),
        ("a bare attribute value", Log("\"attributes\":[{\"key\":\"model\",\"value\":\"claude-sonnet-4-5\"}]"), $"{RecordPath}.attributes[0].value: expected an AnyValue object such as {{\"stringValue\":\"…\"}}"),
        ("a boolean timestamp", Log("\"timeUnixNano\":true"), $"{RecordPath}.timeUnixNano: expected an unsigned integer or a decimal string"),
        ("a trace id that is not hex", Log("\"traceId\":\"not-hex\""), $"{RecordPath}.traceId: expected a hex string"),
    ];

    private static readonly (string Form, string Json, string Message)[] StrictMetrics =
    [
        ("a boolean count", Metric("\"asInt\":true"), $"{PointPath}.asInt: expected an integer or a decimal string"),
        ("a count with letters", Metric("\"asInt\":\"12abc\""), $"{PointPath}.asInt: expected an integer or a decimal string"),
        ("a fractional count", Metric("\"asInt\":1.5"), $"{PointPath}.asInt: expected an integer or a decimal string"),
        ("a negative timestamp", Metric("\"timeUnixNano\":\"-1\""), $"{PointPath}.timeUnixNano: expected an unsigned integer or a decimal string"),
        ("an attribute key that is a number", Metric("\"attributes\":[{\"key\":7,\"value\":{\"stringValue\":\"input\"}}]"), $"{PointPath}.attributes[0].key: expected a string"),
    ];

    private static string Log(string fields) => "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{" + fields + "}]}]}]}";

    private static string Metric(string point) =>
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.token.usage\",\"sum\":{\"aggregationTemporality\":1,\"dataPoints\":[{" + point + "}]}}]}]}]}";

    private static KeyValuePair<string, HostileCase> Row(string name, string head, byte[] body, int status, string? message) =>
        new(name, new HostileCase(head, body, status, null, message) { Envelope = HostileEnvelope.Otlp });

    private static HostileCase Otlp(string head, byte[] body, int status, string? message) =>
        new(head, body, status, null, message) { Envelope = HostileEnvelope.Otlp };

    private static byte[] Text(string body) => HostileCase.Text(body);

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(body);
        return output.ToArray();
    }
}
