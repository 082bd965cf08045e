using System.Text.Json;
using SpendOps.Core.Telemetry;
using SpendOps.Web.Components.Pages.Telemetry;

namespace SpendOps.Tests.Web.Telemetry;

/// <summary>The setup shown with a new key follows the Claude setup guide (steps 3 to 5) with this deployment's endpoint.</summary>
public sealed class TelemetrySetupSnippetsTests
{
    private const string Endpoint = "https://spendops.example.com/api/v1/public/ingest/otel/claude/0195f3d2-7a3b-7c4d-9e8f-0123456789ab";
    private const string Key = "ss_live_iabc123.secretsecret";

    [Fact]
    public void ManagedSettings_EndpointAndKey_IsJsonWithTheGuidesEnvBlock()
    {
        var json = TelemetrySetupSnippets.ManagedSettings(Endpoint, Key);

        using var document = JsonDocument.Parse(json);
        var env = document.RootElement.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["CLAUDE_CODE_ENABLE_TELEMETRY"] = "1",
            ["OTEL_METRICS_EXPORTER"] = "otlp",
            ["OTEL_LOGS_EXPORTER"] = "otlp",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer " + Key,
        }, env);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_EndpointAndKey_ExportsTheGuidesVariables()
    {
        var shell = TelemetrySetupSnippets.Shell(Endpoint, Key);

        Assert.Equal(
        [
            "export CLAUDE_CODE_ENABLE_TELEMETRY=1",
            "export OTEL_METRICS_EXPORTER=otlp",
            "export OTEL_LOGS_EXPORTER=otlp",
            "export OTEL_EXPORTER_OTLP_PROTOCOL=http/json",
            $"export OTEL_EXPORTER_OTLP_ENDPOINT={Endpoint}",
            $"export OTEL_EXPORTER_OTLP_HEADERS=\"Authorization=Bearer {Key}\"",
            "export OTEL_METRIC_EXPORT_INTERVAL=60000",
            "export OTEL_LOGS_EXPORT_INTERVAL=5000",
        ], shell.Split('\n'));
    }

    [Fact]
    public void Shell_NoKey_ShowsPlaceholder()
    {
        var shell = TelemetrySetupSnippets.Shell(Endpoint, key: null);

        Assert.Contains("Authorization=Bearer YOUR_INGEST_KEY", shell, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TelemetrySource.ClaudeCode, "claude_cowork")]
    [InlineData(TelemetrySource.ClaudeCowork, "claude_cowork")]
    [InlineData(TelemetrySource.ClaudeOfficeAgents, "claude_office_agents")]
    public void ResourceAttributes_Source_NamesTheProductForTheAdminForm(TelemetrySource source, string expected)
    {
        var attributes = TelemetrySetupSnippets.ResourceAttributes(source);

        Assert.Equal($"deployment.environment=prod,team=product,stackspend.source={expected}", attributes);
    }

    [Theory]
    [InlineData("https://spendops.example.com/")]
    [InlineData("https://spendops.example.com")]
    public void Endpoint_BaseUrlWithOrWithoutSlash_JoinsWithOneSlash(string baseUrl)
    {
        var endpoint = TelemetrySetupSnippets.Endpoint(baseUrl, TelemetryIngestPaths.ForConnection(Guid.Parse("0195f3d2-7a3b-7c4d-9e8f-0123456789ab")));

        Assert.Equal(Endpoint, endpoint);
    }
}
