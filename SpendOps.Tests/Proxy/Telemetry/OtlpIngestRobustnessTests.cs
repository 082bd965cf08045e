using System.Net;
using System.Text;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>Bad input gets a 4xx or is accepted with the bad values left out; never a 500.</summary>
public abstract class OtlpIngestRobustnessTests(TelemetryTestHost host)
{
    public static TheoryData<string, string> OddBodies => new()
    {
        { "logs", "null" },
        { "logs", "\"just a string\"" },
        { "logs", "" },
        { "logs", "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[{\"key\":1,\"value\":{\"intValue\":\"x\"}}]}]}]}]}" },
        { "logs", "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":1e400,\"body\":{\"stringValue\":\"claude_code.api_request\"},\"attributes\":[{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":1e308}},{\"key\":\"input_tokens\",\"value\":{\"intValue\":\"99999999999999999999999\"}}]}]}]}]}" },
        { "logs", "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"18446744073709551615\",\"eventName\":\"api_request\",\"attributes\":[{\"key\":\"cost_usd\",\"value\":{\"stringValue\":\"NaN\"}},{\"key\":\"duration_ms\",\"value\":{\"doubleValue\":\"-Infinity\"}}]}]}]}]}" },
        { "logs", new string('[', 5000) },
        { "logs", "{\"resourceLogs\":\u0000}" },
        { "logs", "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"eventName\":\"api_request\",\"attributes\":[{\"key\":\"model\",\"value\":{\"stringValue\":\"a\\u0000b\"}},{\"key\":\"request_id\",\"value\":{\"stringValue\":\"req\\u0000\"}},{\"key\":\"session.id\",\"value\":{\"stringValue\":\"s\\u0000\"}}]}]}]}]}" },
        { "metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.cost.usage\",\"sum\":{\"aggregationTemporality\":2,\"dataPoints\":[{\"startTimeUnixNano\":\"18446744073709551615\",\"timeUnixNano\":\"18446744073709551615\",\"asDouble\":\"Infinity\"},{\"asInt\":\"9223372036854775807\"},{\"asDouble\":1e300}]}}]}]}]}" },
        { "metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.token.usage\",\"histogram\":{\"dataPoints\":[{}]}},{\"name\":null,\"sum\":null}]}]}]}" },
    };

    [DatabaseTheory]
    [MemberData(nameof(OddBodies))]
    public async Task Post_OddJsonBody_NeverServerError(string signal, string body)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, signal, Encoding.UTF8.GetBytes(body));

        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [DatabaseTheory]
    [InlineData("logs", 1)]
    [InlineData("metrics", 2)]
    [InlineData("logs", 3)]
    [InlineData("metrics", 4)]
    public async Task Post_RandomProtobufBytes_NeverServerError(string signal, int seed)
    {
        var connection = await host.CreateConnectionAsync();
        var bytes = new byte[512];
        new Random(seed).NextBytes(bytes);

        using var response = await host.PostAsync(connection, signal, bytes, "application/x-protobuf");

        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
    }

    [DatabaseFact]
    public async Task Post_TruncatedCaptureProtobuf_Returns400()
    {
        var connection = await host.CreateConnectionAsync();
        var body = ClaudeCodeCapture.Load("protobuf-tool").Exports.First(e => e.Signal == "metrics").Body;

        using var response = await host.PostAsync(connection, "metrics", body[..(body.Length / 2)], "application/x-protobuf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : OtlpIngestRobustnessTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : OtlpIngestRobustnessTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
