using System.Text;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>Small hand-written OTLP JSON bodies for endpoint tests.</summary>
public static class OtlpPayloads
{
    public static byte[] ReferenceLogs => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "otlp", "otlp-claude-logs.json"));

    public static byte[] ReferenceMetrics => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "otlp", "otlp-claude-metrics.json"));

    /// <summary>One <c>api_request</c> event; <paramref name="extraAttributes"/> is raw JSON appended to the attribute list.</summary>
    public static byte[] ApiRequest(string requestId, string session = "s-1", string cost = "{\"doubleValue\":0.5}", string inputTokens = "{\"intValue\":\"100\"}", string extraAttributes = "") =>
        Encoding.UTF8.GetBytes($$$"""
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}},{"key":"team","value":{"stringValue":"platform"}}]},
          "scopeLogs":[{"scope":{"name":"com.anthropic.claude_code.events"},"logRecords":[{
            "timeUnixNano":"1782907209000000000","body":{"stringValue":"claude_code.api_request"},
            "attributes":[
              {"key":"session.id","value":{"stringValue":"{{{session}}}"}},
              {"key":"user.email","value":{"stringValue":"alice@example.com"}},
              {"key":"event.name","value":{"stringValue":"api_request"}},
              {"key":"model","value":{"stringValue":"claude-sonnet-4-5"}},
              {"key":"request_id","value":{"stringValue":"{{{requestId}}}"}},
              {"key":"cost_usd","value":{{{cost}}}},
              {"key":"input_tokens","value":{{{inputTokens}}}},
              {"key":"output_tokens","value":{"intValue":20}}{{{extraAttributes}}}
            ]}]}]}]}
        """);

    /// <summary>One <c>claude_code.cost.usage</c> point.</summary>
    public static byte[] CostPoint(string value, string start, string time, int temporality, string session = "s-1") =>
        Encoding.UTF8.GetBytes($$$"""
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},
          "scopeMetrics":[{"metrics":[{"name":"claude_code.cost.usage","unit":"USD",
            "sum":{"aggregationTemporality":{{{temporality}}},"isMonotonic":true,"dataPoints":[{
              "attributes":[{"key":"session.id","value":{"stringValue":"{{{session}}}"}},{"key":"model","value":{"stringValue":"claude-sonnet-4-5"}}],
              "startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asDouble":{{{value}}}}]}}]}]}]}
        """);
}
