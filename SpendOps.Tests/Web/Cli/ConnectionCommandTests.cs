using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary>
/// The seed's "individual user" setup against the whole product: a connection made with the command line, Claude
/// Code's real OTLP export sent to the endpoint it printed, and the spend visible in <c>usage summary</c>.
/// </summary>
public sealed class ConnectionCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task ConnectionsCreate_PrintsEndpointAndKeyThatAcceptClaudeCodeTelemetry()
    {
        await cli.RunAsync("tenants", "create", "otel-team");
        var created = await cli.RunAsync("connections", "create", "--tenant", "otel-team", "--name", "Claude Team", "--base-url", fixture.App.BaseAddress.ToString(), "--json");
        using var json = JsonDocument.Parse(created.Output);
        var endpoint = json.RootElement.GetProperty("endpoint").GetString()!;
        var ingestKey = json.RootElement.GetProperty("ingestKey").GetString()!;

        var logs = await ExportAsync(endpoint + "/v1/logs", ingestKey, "claude-code-captures/json-tool/otlp/0001-logs.json");
        var metrics = await ExportAsync(endpoint + "/v1/metrics", ingestKey, "claude-code-captures/json-tool/otlp/0002-metrics.json");
        var summary = await cli.RunAsync("usage", "summary", "--from", "2020-01-01", "--to", "2100-01-01", "--by", "source", "--tenant", "otel-team", "--json");

        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("ss_live_", ingestKey);
        Assert.EndsWith($"/api/v1/public/ingest/otel/claude/{json.RootElement.GetProperty("id").GetString()}", endpoint);
        Assert.Equal(HttpStatusCode.Accepted, logs);
        Assert.Equal(HttpStatusCode.Accepted, metrics);
        var expected = JsonDocument.Parse(File.ReadAllText(FixtureFiles.PathOf("claude-code-captures/json-tool/claude-stdout.txt"))).RootElement;
        var row = Assert.Single(JsonDocument.Parse(summary.Output).RootElement.EnumerateArray());
        Assert.Equal("telemetry", row.GetProperty("key").GetString());
        Assert.Equal(expected.GetProperty("total_cost_usd").GetDecimal(), row.GetProperty("providerCostUsd").GetDecimal());
        Assert.Equal(expected.GetProperty("usage").GetProperty("input_tokens").GetInt64(), row.GetProperty("inputTokens").GetInt64());
        Assert.Equal(expected.GetProperty("usage").GetProperty("output_tokens").GetInt64(), row.GetProperty("outputTokens").GetInt64());
        Assert.Equal(expected.GetProperty("usage").GetProperty("cache_read_input_tokens").GetInt64(), row.GetProperty("cacheReadTokens").GetInt64());
        Assert.Equal(expected.GetProperty("usage").GetProperty("cache_creation_input_tokens").GetInt64(), row.GetProperty("cacheWriteTokens").GetInt64());
    }

    [Fact]
    public async Task ConnectionsKeyRotate_OldKeyIsRefused()
    {
        await cli.RunAsync("tenants", "create", "rotate-team");
        using var created = JsonDocument.Parse((await cli.RunAsync("connections", "create", "--tenant", "rotate-team", "--name", "c", "--base-url", fixture.App.BaseAddress.ToString(), "--json")).Output);
        var endpoint = created.RootElement.GetProperty("endpoint").GetString()!;
        var oldKey = created.RootElement.GetProperty("ingestKey").GetString()!;

        var rotated = await cli.RunAsync("connections", "key-rotate", created.RootElement.GetProperty("id").GetString()!, "--json");
        var newKey = JsonDocument.Parse(rotated.Output).RootElement.GetProperty("ingestKey").GetString()!;
        var withOldKey = await ExportAsync(endpoint + "/v1/logs", oldKey, "claude-code-captures/json-tool/otlp/0001-logs.json");
        var withNewKey = await ExportAsync(endpoint + "/v1/logs", newKey, "claude-code-captures/json-tool/otlp/0001-logs.json");
        var list = await cli.RunAsync("connections", "list", "--tenant", "rotate-team", "--json");

        Assert.Equal(HttpStatusCode.Unauthorized, withOldKey);
        Assert.Equal(HttpStatusCode.Accepted, withNewKey);
        var connection = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, connection.GetProperty("lastReceivedAt").ValueKind);
    }

    [Fact]
    public async Task ConnectionsCreate_WithoutBaseUrl_PrintsTheConfiguredAddress()
    {
        await cli.RunAsync("tenants", "create", "address-team");

        var created = await cli.RunAsync("connections", "create", "--tenant", "address-team", "--name", "c", "--json");

        var endpoint = JsonDocument.Parse(created.Output).RootElement.GetProperty("endpoint").GetString()!;
        Assert.StartsWith("http://localhost:5080/api/v1/public/ingest/otel/claude/", endpoint);
    }

    [Fact]
    public async Task ConnectionsCreate_UnknownSource_IsUsageError()
    {
        var result = await cli.RunAsync("connections", "create", "--tenant", "default", "--name", "x", "--source", "cursor");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --source 'cursor' is not claude_code, claude_cowork or claude_office_agents", result.Error);
    }

    private static async Task<HttpStatusCode> ExportAsync(string url, string key, string fixturePath)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(FixtureFiles.Bytes(fixturePath)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.SendAsync(request)).StatusCode;
    }
}
