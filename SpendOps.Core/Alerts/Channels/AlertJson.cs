using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>The JSON settings of everything alerts write: stored notices, webhook and Slack bodies.</summary>
internal static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Slack's block kit leaves optional fields out rather than sending nulls.</summary>
    public static readonly JsonSerializerOptions OmitNulls = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
