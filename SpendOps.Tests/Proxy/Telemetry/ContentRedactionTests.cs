using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// What is stored is an allow-list: a prompt a sender puts anywhere (an unexpected attribute, a nested value, the
/// log body, an unknown field) never reaches the database, while the spend of the batch is still recorded.
/// </summary>
public abstract class ContentRedactionTests(TelemetryTestHost host)
{
    private const string Secret = "PROMPT: draft the layoff announcement for the Berlin office";

    private static string Attribute(string key, string value) => $",{{\"key\":\"{key}\",\"value\":{value}}}";

    private static string Text(string text) => $"{{\"stringValue\":\"{text}\"}}";

    public static TheoryData<string, string> PlacesInAnEvent => new()
    {
        { "known content key", Attribute("prompt", Text(Secret)) },
        { "unexpected attribute", Attribute("note", Text(Secret)) },
        { "unexpected attribute as a number-looking key", Attribute("input_tokens_comment", Text(Secret)) },
        { "nested under an allowed key", Attribute("user.groups", $"{{\"kvlistValue\":{{\"values\":[{{\"key\":\"comment\",\"value\":{Text(Secret)}}}]}}}}") },
        { "nested array under an unexpected key", Attribute("history", $"{{\"arrayValue\":{{\"values\":[{Text(Secret)}]}}}}") },
        { "long text under an allowed key", Attribute("query_source", Text(Secret + new string('.', 300))) },
        { "bytes under an allowed key", Attribute("model_hint", $"{{\"bytesValue\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))}\"}}") },
    };

    [DatabaseTheory]
    [MemberData(nameof(PlacesInAnEvent))]
    public async Task PostLogs_PromptInAnEventAttribute_NotStoredAndSpendStillRecorded(string place, string extraAttribute)
    {
        var connection = await host.CreateConnectionAsync();

        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_" + place.Replace(' ', '_'), extraAttributes: extraAttribute));

        var batch = await BatchAsync(connection);
        Assert.True(batch.BodyRedacted, place);
        Assert.DoesNotContain("layoff", batch.Body);
        Assert.Contains("<REDACTED>", batch.Body);
        await AssertRecordedWithoutSecretAsync(connection);
    }

    public static TheoryData<string, string> PlacesInTheEnvelope => new()
    {
        { "log body", Logs($"\"body\":{Text(Secret)}") },
        { "log body as a list", Logs($"\"body\":{{\"kvlistValue\":{{\"values\":[{{\"key\":\"text\",\"value\":{Text(Secret)}}}]}}}}") },
        { "unknown field of a record", Logs($"\"promptText\":\"{Secret}\"") },
        { "long severity text", Logs($"\"severityText\":\"{Secret}{new string('!', 300)}\"") },
        { "scope attribute", $"{{\"resourceLogs\":[{{\"scopeLogs\":[{{\"scope\":{{\"name\":\"x\",\"attributes\":[{{\"key\":\"note\",\"value\":{Text(Secret)}}}]}},\"logRecords\":[]}}]}}]}}" },
        { "long resource attribute", $"{{\"resourceLogs\":[{{\"resource\":{{\"attributes\":[{{\"key\":\"team\",\"value\":{Text(Secret + new string('.', 300))}}}]}},\"scopeLogs\":[]}}]}}" },
        { "resource attribute holding a list", $"{{\"resourceLogs\":[{{\"resource\":{{\"attributes\":[{{\"key\":\"team\",\"value\":{{\"kvlistValue\":{{\"values\":[{{\"key\":\"note\",\"value\":{Text(Secret)}}}]}}}}}}]}},\"scopeLogs\":[]}}]}}" },
        { "unknown top-level field", $"{{\"resourceLogs\":[],\"conversation\":\"{Secret}\"}}" },
    };

    [DatabaseTheory]
    [MemberData(nameof(PlacesInTheEnvelope))]
    public async Task PostLogs_PromptInTheEnvelope_NotStored(string place, string body)
    {
        var connection = await host.CreateConnectionAsync();

        await PostAsync(connection, "logs", Encoding.UTF8.GetBytes(body));

        var batch = await BatchAsync(connection);
        Assert.DoesNotContain("layoff", batch.Body);
        Assert.Equal(TelemetryBodyFormat.NormalizedJson, batch.BodyFormat);
        Assert.True(batch.BodyRedacted || place.StartsWith("unknown", StringComparison.Ordinal), place);
    }

    [DatabaseFact]
    public async Task PostMetrics_PromptInADataPointAttribute_NotStoredAndCostRecorded()
    {
        var connection = await host.CreateConnectionAsync();
        var body = Encoding.UTF8.GetString(OtlpPayloads.CostPoint("0.5", "1782907200000000000", "1782907260000000000", 1))
            .Replace("\"attributes\":[{\"key\":\"session.id\"", $"\"attributes\":[{{\"key\":\"note\",\"value\":{Text(Secret)}}},{{\"key\":\"session.id\"", StringComparison.Ordinal)
            .Replace("\"unit\":\"USD\"", $"\"unit\":\"USD\",\"description\":\"{Secret}{new string('.', 300)}\"", StringComparison.Ordinal);

        await PostAsync(connection, "metrics", Encoding.UTF8.GetBytes(body));

        var batch = await BatchAsync(connection);
        Assert.DoesNotContain("layoff", batch.Body);
        Assert.True(batch.BodyRedacted);
        Assert.Equal(0.5m, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)).CostUsd);
    }

    [DatabaseFact]
    public async Task PostLogs_ReferenceEvents_AllowedAttributesStoredAsSent()
    {
        var connection = await host.CreateConnectionAsync();

        await PostAsync(connection, "logs", OtlpPayloads.ApiRequest("req_plain", extraAttributes: Attribute("user.id", Text("install-1")) + Attribute("event.sequence", "{\"intValue\":\"4\"}")));

        var batch = await BatchAsync(connection);
        Assert.False(batch.BodyRedacted);
        foreach (var kept in new[] { "req_plain", "claude-sonnet-4-5", "alice@example.com", "install-1", "claude_code.api_request", "platform", "s-1" })
            Assert.Contains(kept, batch.Body);
    }

    private static string Logs(string fields) =>
        $"{{\"resourceLogs\":[{{\"scopeLogs\":[{{\"logRecords\":[{{\"eventName\":\"api_request\",\"attributes\":[{{\"key\":\"request_id\",\"value\":{{\"stringValue\":\"req_env\"}}}}],{fields}}}]}}]}}]}}";

    private async Task AssertRecordedWithoutSecretAsync(CreatedTelemetryConnection connection)
    {
        var record = Assert.Single(await host.RecordsAsync(connection.Connection.Id));
        Assert.Equal(0.5m, record.ProviderCostUsd);
        Assert.DoesNotContain(record.DimensionRows, d => d.Value.Contains("layoff", StringComparison.Ordinal));
    }

    private Task<TelemetryBatch> BatchAsync(CreatedTelemetryConnection connection) =>
        host.WithDbAsync(db => db.TelemetryBatches.SingleAsync(b => b.ConnectionId == connection.Connection.Id));

    private async Task PostAsync(CreatedTelemetryConnection connection, string signal, byte[] body)
    {
        using var response = await host.PostAsync(connection, signal, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : ContentRedactionTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : ContentRedactionTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
