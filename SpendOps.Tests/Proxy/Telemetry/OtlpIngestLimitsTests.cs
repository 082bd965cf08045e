using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Otlp;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// A small body must not become a large amount of work: records and attributes per request are capped (413 in the
/// OTLP error shape, naming the setting), and what is under the caps is accepted whole.
/// </summary>
public abstract class OtlpIngestLimitsTests(TelemetryTestHost host)
{
    private const int MaxRecords = TelemetryTestHost.MaxRecordsPerRequest;
    private const int MaxAttributes = TelemetryTestHost.MaxAttributesPerRequest;

    [DatabaseFact]
    public async Task PostLogs_TinyGzipInflatingToTooManyRecords_Returns413NamingTheSetting()
    {
        var connection = await host.CreateConnectionAsync();
        var body = Logs(string.Join(",", Enumerable.Repeat("{}", MaxRecords + 1)));
        Assert.True(TelemetryTestHost.Gzip(body).Length < 1024);

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", body, "application/json", connection.FullKey, gzip: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(8, status.RootElement.GetProperty("code").GetInt32());
        Assert.Equal($"The request holds {MaxRecords + 1} records (data points and log records); at most {MaxRecords} are accepted per request " +
            "(setting Telemetry:MaxRecordsPerRequest). Lower the exporter's batch size.", status.RootElement.GetProperty("message").GetString());
        Assert.Empty(await host.RecordsAsync(connection.Connection.Id));
        Assert.False(await host.WithDbAsync(db => db.TelemetryBatches.AnyAsync(b => b.ConnectionId == connection.Connection.Id)));
    }

    [DatabaseFact]
    public async Task PostMetrics_TooManyDataPoints_Returns413()
    {
        var connection = await host.CreateConnectionAsync();
        var points = string.Join(",", Enumerable.Repeat("{\"asInt\":\"1\"}", MaxRecords + 1));
        var body = Encoding.UTF8.GetBytes("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"claude_code.token.usage\",\"sum\":{\"dataPoints\":[" + points + "]}}]}]}]}");

        using var response = await host.PostAsync(connection, "metrics", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Telemetry:MaxRecordsPerRequest", await response.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task PostLogs_TooManyNestedAttributes_Returns413NamingTheSetting()
    {
        var connection = await host.CreateConnectionAsync();
        // One attribute whose array holds MaxAttributes empty values: MaxAttributes + 1 in all.
        var values = string.Join(",", Enumerable.Repeat("{}", MaxAttributes));
        var body = Logs("{\"attributes\":[{\"key\":\"x\",\"value\":{\"arrayValue\":{\"values\":[" + values + "]}}}]}");

        using var response = await host.PostAsync(connection, "logs", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"The request holds {MaxAttributes + 1} attributes; at most {MaxAttributes} are accepted per request " +
            "(setting Telemetry:MaxAttributesPerRequest). Lower the exporter's batch size.", status.RootElement.GetProperty("message").GetString());
    }

    [DatabaseFact]
    public async Task PostLogs_ManyEventsUnderOneLargeResource_AllRecordedWithResourceDimensionsUpToTheLimit()
    {
        var connection = await host.CreateConnectionAsync();
        var resource = string.Join(",", Enumerable.Range(0, 3000).Select(i => $"{{\"key\":\"r{i}\",\"value\":{{\"intValue\":{i}}}}}"));
        var events = string.Join(",", Enumerable.Range(0, 150).Select(i =>
            $"{{\"eventName\":\"api_request\",\"attributes\":[{{\"key\":\"request_id\",\"value\":{{\"stringValue\":\"req_{i}\"}}}},{{\"key\":\"cost_usd\",\"value\":{{\"doubleValue\":0.01}}}}]}}"));
        var body = Encoding.UTF8.GetBytes("{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + resource + "]},\"scopeLogs\":[{\"logRecords\":[" + events + "]}]}]}");

        using var response = await host.PostAsync(connection, "logs", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var records = await host.RecordsAsync(connection.Connection.Id);
        Assert.Equal(150, records.Count);
        Assert.Equal(1.50m, UsageTotals.Of(records).CostUsd);
        // No standard attributes: the first 32 custom resource attributes, r0..r31, become the dimensions.
        Assert.All(records, r => Assert.Equal(Enumerable.Range(0, Dimensions.MaxCount).Select(i => $"r{i}"), r.DimensionRows.Select(d => d.Name).Order(StringComparer.Ordinal).OrderBy(n => int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [DatabaseFact]
    public void Find_DuplicateKeys_FirstWinsAndLaterAddsAreSeen()
    {
        var attributes = new OtlpAttributes { new("k", OtlpValue.FromString("first")), new("k", OtlpValue.FromString("second")) };

        Assert.Equal("first", attributes.Text("k"));
        attributes.Add(new("later", OtlpValue.FromString("v")));
        Assert.Equal("v", attributes.Text("later"));
        Assert.Null(attributes.Text("missing"));
    }

    private static byte[] Logs(string records) =>
        Encoding.UTF8.GetBytes("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[" + records + "]}]}]}");

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : OtlpIngestLimitsTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : OtlpIngestLimitsTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
