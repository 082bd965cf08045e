using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Turns Claude Code attributes into usage dimensions: the standard attribution attributes, a <c>user</c>
/// dimension that lines up with the proxy's <c>user=alice</c>, and every custom resource attribute
/// (<c>OTEL_RESOURCE_ATTRIBUTES</c>: team, cost_center, deployment.environment, ...). Values follow the
/// <see cref="Dimensions"/> rules: too long is truncated, invalid is skipped; a bad value never fails a batch.
/// </summary>
internal static class ClaudeCodeDimensions
{
    public const string UserDimension = "user";

    /// <summary>Copied from the event or data point (or the resource) when present, in this order of priority.</summary>
    private static readonly string[] Standard =
    [
        "user.email", "user.account_uuid", "user.account_id", "user.id", "organization.id", "session.id",
        "query_source", "skill.name", "plugin.name", "agent.name", "marketplace.name", "mcp_server.name", "mcp_tool.name",
        "speed", "effort", "terminal.type", "app.version", "app.entrypoint", "anthropic.provider", "service.name",
        "workflow.name",
    ];

    /// <summary>Resource attributes every SDK or host adds: not attribution, so not dimensions.</summary>
    private static readonly HashSet<string> ResourceNoise = new(StringComparer.OrdinalIgnoreCase)
    {
        "service.name", "service.version", "service.instance.id", "os.type", "os.version", "os.description", "host.arch",
        "host.name", "host.id", "wsl.version", "telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version",
        "telemetry.distro.name", "telemetry.distro.version",
    };

    public static Dictionary<string, string> Build(OtlpAttributes resource, OtlpAttributes attributes)
    {
        var dims = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string key) => attributes.Text(key) ?? resource.Text(key);

        Add(dims, UserDimension, Get("user.email") ?? Get("user.account_uuid") ?? Get("user.id"));
        foreach (var key in Standard)
            Add(dims, key, Get(key));
        // app.version is on metrics only when OTEL_METRICS_INCLUDE_VERSION is on; the resource always has service.version.
        Add(dims, "app.version", resource.Text("service.version"));
        foreach (var (key, value) in resource)
        {
            if (!ResourceNoise.Contains(key) && !key.StartsWith("process.", StringComparison.OrdinalIgnoreCase))
                Add(dims, key, value.AsText());
        }
        return dims;
    }

    public static List<UsageDimension> Rows(Dictionary<string, string> dims) =>
        dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();

    private static void Add(Dictionary<string, string> dims, string name, string? value)
    {
        if (value is null || dims.Count >= Dimensions.MaxCount || !Dimensions.IsValidName(name))
            return;
        name = Dimensions.Normalize(name);
        if (dims.ContainsKey(name))
            return;
        value = value.Trim();
        if (value.Length > Dimensions.MaxValueLength)
            value = value[..Dimensions.MaxValueLength];
        if (Dimensions.IsValidValue(value))
            dims[name] = value;
    }
}
