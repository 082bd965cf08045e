using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Protos.Collector.Logs;
using SpendOps.Tests.Infrastructure;
using RpcStatus = SpendOps.Proxy.Telemetry.Protos.Rpc.Status;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>The ingest's HTTP contract: paths, keys, content types, sizes and response bodies, on a real Kestrel host.</summary>
public abstract class OtlpIngestEndpointTests(TelemetryTestHost host)
{
    [DatabaseFact]
    public async Task PostLogs_ValidJson_Returns202WithEmptyJsonResponse()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "logs", OtlpPayloads.ReferenceLogs);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await host.RecordsAsync(connection.Connection.Id)).Count);
    }

    [DatabaseFact]
    public async Task PostLogs_ValidProtobuf_Returns202WithEmptyProtobufResponse()
    {
        var connection = await host.CreateConnectionAsync();
        var body = ClaudeCodeCapture.Load("protobuf-tool").Exports.First(e => e.Signal == "logs").Body;

        using var response = await host.PostAsync(connection, "logs", body, "application/x-protobuf");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var parsed = ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(parsed.PartialSuccess);
    }

    [DatabaseFact]
    public async Task PostMetrics_EmptyRequest_Returns202()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "metrics", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_MalformedJson_Returns400WithByteOffset()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "logs", "{\"resourceLogs\": [ {\"resource\": } ]}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith("invalid JSON at byte 32:", status.RootElement.GetProperty("message").GetString());
        var batch = await host.WithDbAsync(db => db.TelemetryBatches.SingleAsync(b => b.ConnectionId == connection.Connection.Id));
        Assert.Equal(TelemetryBatchOutcome.Rejected, batch.Outcome);
    }

    [DatabaseFact]
    public async Task PostLogs_BrokenUnicodeInJson_Returns400NotAServerError()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "logs", "{\"resourceLogs\":[{\"\\ud800\":1}]}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_UndecodableBodyWithAPrompt_IsAnswered400AndThePromptIsNotStored()
    {
        var connection = await host.CreateConnectionAsync();
        var body = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[{\"key\":\"prompt\",\"value\":{\"stringValue\":\"my secret plan\"}}]}]}], \"resource\": 5}]}"u8.ToArray();

        using var response = await host.PostAsync(connection, "logs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await host.WithDbAsync(db => db.TelemetryBatches.Where(b => b.ConnectionId == connection.Connection.Id).Select(b => b.Body).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, b => b.Contains("my secret plan", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task PostLogs_WrongJsonShape_Returns400NamingTheField()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "logs", "{\"resourceLogs\": [ {\"scopeLogs\": 5} ]}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("resourceLogs[0].scopeLogs: expected an array, got a number", await response.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task PostMetrics_MalformedProtobuf_Returns400WithRpcStatus()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "metrics", [0x0a, 0xff, 0xff, 0x01, 0x02], "application/x-protobuf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var status = RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.StartsWith("invalid protobuf body", status.Message);
    }

    [DatabaseFact]
    public async Task PostLogs_NoAuthorization_Returns401()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Missing Authorization header", await response.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    [InlineData("ss_live_test")]
    [InlineData("ss_live_inotakey00.wrongsecretwrongsecretwrongsecretwrong")]
    public async Task PostLogs_UnknownKey_Returns401(string key)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.RecordsAsync(connection.Connection.Id));
    }

    [DatabaseFact]
    public async Task PostLogs_ProxyKeyAsBearer_Returns403SayingWhichKeyToUse()
    {
        var connection = await host.CreateConnectionAsync();
        var proxyKey = await host.WithServiceAsync<ApiKeyService, CreatedApiKey>(s =>
            s.CreateAsync(connection.Connection.TenantId, "proxy key", KeyPolicy.Unrestricted, "tests", CancellationToken.None));

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", proxyKey.FullKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var message = await response.Content.ReadAsStringAsync();
        Assert.Contains("Invalid scope: this is a proxy key (aso_k_...), which cannot write telemetry", message);
        Assert.Contains("ingest key (ss_live_...) with the usage:write scope", message);
        Assert.Empty(await host.RecordsAsync(connection.Connection.Id));
    }

    [DatabaseFact]
    public async Task PostLogs_RevokedKey_Returns401()
    {
        var connection = await host.CreateConnectionAsync();
        await host.WithServiceAsync<TelemetryConnectionService, IngestKey>(s =>
            s.RevokeKeyAsync(connection.Connection.TenantId, connection.Key.Id, "tests", CancellationToken.None));

        using var response = await host.PostAsync(connection, "logs", OtlpPayloads.ReferenceLogs);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", await response.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task PostLogs_KeyWithoutUsageWriteScope_Returns403()
    {
        var connection = await host.CreateConnectionAsync();
        var key = await host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.CreateKeyAsync(connection.Connection.TenantId, "no scopes", [], connection.Connection.Id, "tests", CancellationToken.None));

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", key.FullKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("usage:write", await response.Content.ReadAsStringAsync());
    }

    [DatabaseFact]
    public async Task PostLogs_KeyOfAnotherTenant_Returns403()
    {
        var connection = await host.CreateConnectionAsync();
        var other = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", other.FullKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.RecordsAsync(connection.Connection.Id));
    }

    [DatabaseFact]
    public async Task PostLogs_KeyBoundToAnotherConnectionOfSameTenant_Returns403()
    {
        var connection = await host.CreateConnectionAsync();
        var sibling = await host.WithServiceAsync<TelemetryConnectionService, CreatedTelemetryConnection>(s =>
            s.CreateAsync(connection.Connection.TenantId, "Cowork", TelemetrySource.ClaudeCowork, "tests", CancellationToken.None));

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", sibling.FullKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_TenantWideKey_Returns202()
    {
        var connection = await host.CreateConnectionAsync();
        var key = await host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.CreateKeyAsync(connection.Connection.TenantId, "Claude OTEL", [IngestKeyScopes.UsageWrite], null, "tests", CancellationToken.None));

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", key.FullKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [DatabaseTheory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("abc123-provider-id")]
    public async Task PostLogs_UnknownConnection_Returns404(string connectionId)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"/api/v1/public/ingest/otel/claude/{connectionId}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", connection.FullKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Unknown connection id", await response.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    [InlineData("/v1/metrics/v1/metrics")]
    [InlineData("/v1/logs/v1/logs")]
    [InlineData("/v1/traces")]
    [InlineData("")]
    public async Task Post_SignalPathWrong_Returns404WithHint(string suffix)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection.EndpointPath + suffix, OtlpPayloads.ReferenceLogs, "application/json", connection.FullKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("collector root", await response.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    [InlineData("text/plain")]
    [InlineData("application/grpc")]
    [InlineData(null)]
    public async Task PostLogs_UnsupportedContentType_Returns415(string? contentType)
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, contentType, connection.FullKey);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_BodyOverLimit_Returns413()
    {
        var connection = await host.CreateConnectionAsync();
        var body = Encoding.UTF8.GetBytes("{\"resourceLogs\":[],\"padding\":\"" + new string('x', TelemetryTestHost.MaxBodyBytes) + "\"}");

        using var response = await host.PostAsync(connection, "logs", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_GzipBodyOverLimitAfterDecompression_Returns413()
    {
        var connection = await host.CreateConnectionAsync();
        var body = Encoding.UTF8.GetBytes("{\"resourceLogs\":[],\"padding\":\"" + new string('x', TelemetryTestHost.MaxBodyBytes * 4) + "\"}");
        Assert.True(TelemetryTestHost.Gzip(body).Length < TelemetryTestHost.MaxBodyBytes);

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", body, "application/json", connection.FullKey, gzip: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_ChunkedBodyOverLimit_Returns413()
    {
        var connection = await host.CreateConnectionAsync();
        var body = Encoding.UTF8.GetBytes("{\"resourceLogs\":[],\"padding\":\"" + new string('x', TelemetryTestHost.MaxBodyBytes) + "\"}");

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", body, "application/json", connection.FullKey, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_GzipBody_Accepted()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json", connection.FullKey, gzip: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0.052660m, UsageTotals.Of(await host.RecordsAsync(connection.Connection.Id)).CostUsd);
        var batch = await host.WithDbAsync(db => db.TelemetryBatches.SingleAsync(b => b.ConnectionId == connection.Connection.Id));
        Assert.Equal("gzip", batch.ContentEncoding);
        Assert.True(batch.ByteSize < batch.DecodedByteSize);
    }

    [DatabaseFact]
    public async Task PostLogs_CorruptGzip_Returns400()
    {
        var connection = await host.CreateConnectionAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{connection.EndpointPath}/v1/logs") { Content = new ByteArrayContent("not gzip at all"u8.ToArray()) };
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new("Bearer", connection.FullKey);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [DatabaseFact]
    public async Task PostLogs_ChunkedBody_Accepted()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync($"{connection.EndpointPath}/v1/logs", OtlpPayloads.ReferenceLogs, "application/json; charset=utf-8", connection.FullKey, chunked: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await host.RecordsAsync(connection.Connection.Id)).Count);
    }

    [DatabaseFact]
    public async Task PostLogs_Accepted_StoresRawBatchAndUpdatesLastReceived()
    {
        var connection = await host.CreateConnectionAsync();

        using var response = await host.PostAsync(connection, "logs", OtlpPayloads.ReferenceLogs);

        var batch = await host.WithDbAsync(db => db.TelemetryBatches.SingleAsync(b => b.ConnectionId == connection.Connection.Id));
        Assert.Equal(TelemetryBatchOutcome.Accepted, batch.Outcome);
        Assert.Equal(TelemetrySignal.Logs, batch.Signal);
        Assert.Equal(TelemetryBodyFormat.NormalizedJson, batch.BodyFormat);
        Assert.Equal(6, SpendOps.Proxy.Telemetry.Otlp.OtlpJsonParser.ParseLogs(Encoding.UTF8.GetBytes(batch.Body)).RecordCount);
        Assert.Equal(6, batch.RecordCount);
        Assert.Equal(2, batch.UsageRecordCount);
        var summaries = await host.WithServiceAsync<TelemetryConnectionService, IReadOnlyList<TelemetryConnectionSummary>>(s =>
            s.ListAsync(connection.Connection.TenantId, CancellationToken.None));
        Assert.NotNull(Assert.Single(summaries).LastReceivedAt);
        Assert.NotNull(Assert.Single(summaries[0].Keys).LastUsedAt);
    }

    [DatabaseFact]
    public async Task PostLogs_PromptContent_StoredRedacted()
    {
        var connection = await host.CreateConnectionAsync();
        var body = OtlpPayloads.ApiRequest("req_prompt", extraAttributes: ",{\"key\":\"prompt\",\"value\":{\"stringValue\":\"my secret plan\"}}");

        using var response = await host.PostAsync(connection, "logs", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var batch = await host.WithDbAsync(db => db.TelemetryBatches.SingleAsync(b => b.ConnectionId == connection.Connection.Id));
        Assert.True(batch.BodyRedacted);
        Assert.Equal(TelemetryBodyFormat.NormalizedJson, batch.BodyFormat);
        Assert.DoesNotContain("my secret plan", batch.Body);
        Assert.Contains("req_prompt", batch.Body);
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : OtlpIngestEndpointTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : OtlpIngestEndpointTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
