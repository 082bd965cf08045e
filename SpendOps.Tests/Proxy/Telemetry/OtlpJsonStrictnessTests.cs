using System.Net;
using System.Text;
using System.Text.Json;
using SpendOps.Proxy.Telemetry.Otlp;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// OTLP/JSON is read strictly: a field of the wrong type is a 400 naming its JSON path, never a value silently read
/// as something else (lost spend). What the spec allows is still accepted.
/// </summary>
public abstract class OtlpJsonStrictnessTests(TelemetryTestHost host)
{
    private const string PointPath = "resourceMetrics[0].scopeMetrics[0].metrics[1].sum.dataPoints[0]";
    private const string RecordPath = "resourceLogs[0].scopeLogs[0].logRecords[0]";

    /// <summary>A cost metric first, then a token metric whose first data point holds <paramref name="point"/>.</summary>
    private static string Metrics(string point) =>
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.cost.usage\",\"sum\":{\"aggregationTemporality\":1,\"dataPoints\":[]}}," +
        "{\"name\":\"claude_code.token.usage\",\"sum\":{\"aggregationTemporality\":1,\"dataPoints\":[{" + point + "}]}}]}]}]}";

    /// <summary>One log record with <paramref name="fields"/>.</summary>
    private static string Logs(string fields) =>
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{" + fields + "}]}]}]}";

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "metrics", Metrics("\"asInt\":true"), $"{PointPath}.asInt: expected an integer or a decimal string" },
        { "metrics", Metrics("\"asInt\":\"12abc\""), $"{PointPath}.asInt: expected an integer or a decimal string" },
        { "metrics", Metrics("\"asInt\":1.5"), $"{PointPath}.asInt: expected an integer or a decimal string" },
        { "metrics", Metrics("\"asInt\":\"99999999999999999999\""), $"{PointPath}.asInt: expected an integer or a decimal string" },
        { "metrics", Metrics("\"asInt\":{}"), $"{PointPath}.asInt: expected an integer or a decimal string" },
        { "metrics", Metrics("\"asDouble\":\"garbage\""), $"{PointPath}.asDouble: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"" },
        { "metrics", Metrics("\"asDouble\":false"), $"{PointPath}.asDouble: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"" },
        { "metrics", Metrics("\"asDouble\":[1]"), $"{PointPath}.asDouble: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"" },
        { "metrics", Metrics("\"timeUnixNano\":\"-1\""), $"{PointPath}.timeUnixNano: expected an unsigned integer or a decimal string" },
        { "metrics", Metrics("\"startTimeUnixNano\":\"yesterday\""), $"{PointPath}.startTimeUnixNano: expected an unsigned integer or a decimal string" },
        { "metrics", Metrics("\"flags\":\"x\""), $"{PointPath}.flags: expected an unsigned 32-bit integer" },
        { "metrics", Metrics("\"attributes\":[{\"key\":\"type\",\"value\":\"input\"}]"), $"{PointPath}.attributes[0].value: expected an AnyValue object such as {{\"stringValue\":\"…\"}}" },
        { "metrics", Metrics("\"attributes\":[{\"key\":7,\"value\":{\"stringValue\":\"input\"}}]"), $"{PointPath}.attributes[0].key: expected a string" },
        { "metrics", Metrics("\"attributes\":[\"type=input\"]"), $"{PointPath}.attributes[0]: expected an object, got a string" },
        { "metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"sum\":{\"aggregationTemporality\":\"sometimes\"}}]}]}]}", "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.aggregationTemporality: expected an enum number" },
        { "metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"sum\":{\"isMonotonic\":\"yes\"}}]}]}]}", "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.isMonotonic: expected true or false" },
        { "metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":42}]}]}]}", "resourceMetrics[0].scopeMetrics[0].metrics[0].name: expected a string" },
        { "metrics", "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"team\",\"value\":{\"stringValue\":5}}]}}]}", "resourceMetrics[0].resource.attributes[0].value.stringValue: expected a string" },
        { "logs", Logs("\"attributes\":[{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":{\"value\":1}}}]"), $"{RecordPath}.attributes[0].value.doubleValue: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"" },
        { "logs", Logs("\"attributes\":[{\"key\":\"input_tokens\",\"value\":{\"intValue\":\"many\"}}]"), $"{RecordPath}.attributes[0].value.intValue: expected an integer or a decimal string" },
        { "logs", Logs("\"attributes\":[{\"key\":\"input_tokens\",\"value\":{\"intValue\":true}}]"), $"{RecordPath}.attributes[0].value.intValue: expected an integer or a decimal string" },
        { "logs", Logs("\"attributes\":[{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":\"0.5 USD\"}}]"), $"{RecordPath}.attributes[0].value.doubleValue: expected a number, a decimal string, \"NaN\", \"Infinity\" or \"-Infinity\"" },
        { "logs", Logs("\"attributes\":[{\"key\":\"success\",\"value\":{\"boolValue\":\"true\"}}]"), $"{RecordPath}.attributes[0].value.boolValue: expected true or false" },
        { "logs", Logs("\"attributes\":[{\"key\":\"model\",\"value\":\"claude-sonnet-4-5\"}]"), $"{RecordPath}.attributes[0].value: expected an AnyValue object such as {{\"stringValue\":\"…\"}}" },
        { "logs", Logs("\"attributes\":[{\"key\":\"x\",\"value\":{\"arrayValue\":{\"values\":[\"a\"]}}}]"), $"{RecordPath}.attributes[0].value.arrayValue.values[0]: expected an AnyValue object such as {{\"stringValue\":\"…\"}}" },
        { "logs", Logs("\"attributes\":[{\"key\":\"x\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"y\",\"value\":{\"intValue\":[]}}]}}}]"), $"{RecordPath}.attributes[0].value.kvlistValue.values[0].value.intValue: expected an integer or a decimal string" },
        { "logs", Logs("\"attributes\":[{\"key\":\"x\",\"value\":{\"bytesValue\":\"not base64!\"}}]"), $"{RecordPath}.attributes[0].value.bytesValue: expected a base64 string" },
        { "logs", Logs("\"body\":\"claude_code.api_request\""), $"{RecordPath}.body: expected an AnyValue object such as {{\"stringValue\":\"…\"}}" },
        { "logs", Logs("\"timeUnixNano\":true"), $"{RecordPath}.timeUnixNano: expected an unsigned integer or a decimal string" },
        { "logs", Logs("\"severityNumber\":\"loud\""), $"{RecordPath}.severityNumber: expected an enum number" },
        { "logs", Logs("\"eventName\":{\"stringValue\":\"api_request\"}"), $"{RecordPath}.eventName: expected a string" },
        { "logs", Logs("\"traceId\":\"not-hex\""), $"{RecordPath}.traceId: expected a hex string" },
        { "logs", Logs("\"timeUnixNano\":\"1\" /* a comment */"), "invalid JSON at byte" },
        { "logs", Logs("\"timeUnixNano\":\"1\",") , "invalid JSON at byte" },
        { "logs", "{\"resourceLogs\":[],}", "invalid JSON at byte" },
        { "logs", "// comment\n{\"resourceLogs\":[]}", "invalid JSON at byte" },
    };

    [DatabaseTheory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedField_ThrowsWithItsJsonPath(string signal, string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var error = Assert.Throws<OtlpFormatException>(() =>
        {
            if (signal == "logs")
                OtlpJsonParser.ParseLogs(bytes);
            else
                OtlpJsonParser.ParseMetrics(bytes);
        });

        if (expected == "invalid JSON at byte")
            Assert.StartsWith(expected, error.Message);
        else
            Assert.Equal(expected, error.Message);
    }

    [DatabaseTheory]
    [MemberData(nameof(Malformed))]
    public async Task Post_MalformedField_Returns400WithThePathAndStoresNoUsage(string signal, string json, string expected)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, signal, Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith(expected, status.RootElement.GetProperty("message").GetString());
        Assert.Empty(await host.RecordsAsync(connection.Connection.Id));
    }

    public static TheoryData<string, long?, double?> AllowedPointValues => new()
    {
        { "\"asInt\":\"7\"", 7, null },
        { "\"asInt\":7", 7, null },
        { "\"asInt\":\"-3\"", -3, null },
        { "\"asInt\":\"9223372036854775807\"", long.MaxValue, null },
        { "\"as_int\":\"7\"", 7, null },
        { "\"asDouble\":0.25", null, 0.25 },
        { "\"asDouble\":\"0.25\"", null, 0.25 },
        { "\"asDouble\":\"NaN\"", null, double.NaN },
        { "\"asDouble\":\"-Infinity\"", null, double.NegativeInfinity },
        { "\"asDouble\":null", null, null },
    };

    [DatabaseTheory]
    [MemberData(nameof(AllowedPointValues))]
    public void ParseMetrics_ValueFormsTheSpecAllows_Read(string field, long? asInt, double? asDouble)
    {
        var point = OtlpJsonParser.ParseMetrics(Encoding.UTF8.GetBytes(Metrics(field + ",\"timeUnixNano\":1782907260000000000"))).ResourceMetrics[0].ScopeMetrics[0].Metrics[1].DataPoints[0];

        Assert.Equal(asInt, point.AsInt);
        Assert.Equal(asDouble, point.AsDouble);
        Assert.Equal(1782907260000000000UL, point.TimeUnixNano);
    }

    [DatabaseFact]
    public void ParseLogs_HexIdsEnumNumbersAndSnakeCase_Read()
    {
        var json = Logs("\"trace_id\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"EEE19B7EC3C1B174\",\"severityNumber\":9,\"flags\":1," +
            "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"12\"}},{\"key\":\"empty\",\"value\":{}},{\"key\":\"absent\",\"value\":null}]");

        var record = OtlpJsonParser.ParseLogs(Encoding.UTF8.GetBytes(json)).ResourceLogs[0].ScopeLogs[0].LogRecords[0];

        Assert.Equal("5b8efff798038103d269b633813fc60c", record.TraceId);
        Assert.Equal("EEE19B7EC3C1B174", record.SpanId);
        Assert.Equal(9, record.SeverityNumber);
        Assert.Equal(1u, record.Flags);
        Assert.Equal(12, record.Attributes.Long("n"));
        Assert.Equal(3, record.Attributes.Count);
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : OtlpJsonStrictnessTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : OtlpJsonStrictnessTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
