using System.Runtime.CompilerServices;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Turns Claude Code attributes into usage dimensions: the standard attribution attributes, a <c>user</c>
/// dimension that lines up with the proxy's <c>user=alice</c>, and every custom resource attribute
/// (<c>OTEL_RESOURCE_ATTRIBUTES</c>: team, cost_center, deployment.environment, ...). Values follow the
/// <see cref="Dimensions"/> rules, except that too long is skipped like invalid; a bad value never fails a batch.
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

    /// <summary>
    /// The custom attributes of a resource that can become dimensions, worked out once per resource: every record
    /// under it needs them, and a resource may carry thousands of attributes. At most twice the dimension limit is
    /// kept, which covers every name the record's own attributes may already have taken.
    /// </summary>
    private static readonly ConditionalWeakTable<OtlpAttributes, List<KeyValuePair<string, string>>> CustomResourceAttributes = new();

    public static Dictionary<string, string> Build(OtlpAttributes resource, OtlpAttributes attributes)
    {
        var dims = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Get(string key) => attributes.Text(key) ?? resource.Text(key);

        Add(dims, UserDimension, Get("user.email") ?? Get("user.account_uuid") ?? Get("user.id"));
        foreach (var key in Standard)
            Add(dims, key, Get(key));
        // app.version is on metrics only when OTEL_METRICS_INCLUDE_VERSION is on; the resource always has service.version.
        Add(dims, "app.version", resource.Text("service.version"));
        foreach (var (key, value) in CustomResourceAttributes.GetValue(resource, FindCustom))
            Add(dims, key, value);
        return dims;
    }

    private static List<KeyValuePair<string, string>> FindCustom(OtlpAttributes resource)
    {
        var found = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in resource)
        {
            if (found.Count >= 2 * Dimensions.MaxCount)
                break;
            if (ResourceNoise.Contains(key) || key.StartsWith("process.", StringComparison.OrdinalIgnoreCase) || !Dimensions.IsValidName(key))
                continue;
            if (Clean(value.AsText()) is not null && names.Add(Dimensions.Normalize(key)))
                found.Add(new(key, value.AsText()!));
        }
        return found;
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
        if (Clean(value) is { } clean)
            dims[name] = clean;
    }

    /// <summary>Too long is left out, not cut (see <see cref="TelemetryText"/>).</summary>
    private static string? Clean(string? value)
    {
        value = value?.Trim();
        return value is not null && Dimensions.IsValidValue(value) ? value : null;
    }
}
