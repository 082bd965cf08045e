using SpendOps.Core.Chargeback;
using SpendOps.Core.Usage;
using SpendOps.Web.Usage;

namespace SpendOps.Web.Components.Pages.Chargeback;

/// <summary>The usage explorer's address for the calls behind a chargeback row (<see cref="UsageQueryString"/>).</summary>
internal static class ChargebackDrillDown
{
    /// <summary>
    /// Null for an unattributed row: the explorer filters on values a call has, not on a dimension it lacks, so a link
    /// would list attributed calls too.
    /// </summary>
    public static string? Link(ChargebackReport report, ChargebackRow row)
    {
        if (row.Unattributed)
            return null;
        var period = report.Request.Period;
        var filter = new UsageFilter { From = period.From, To = period.To };
        var dims = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Request.Keys.Count; i++)
        {
            var key = report.Request.Keys[i];
            var value = row.Values[i]!;
            if (key.DimensionName is { } name)
            {
                dims[name] = value;
                continue;
            }
            filter = key.Kind switch
            {
                ChargebackKeyKind.Key => filter with { ApiKeyId = value },
                ChargebackKeyKind.Provider => filter with { Provider = value },
                ChargebackKeyKind.Model => filter with { Model = value },
                _ => filter with { Source = value == "telemetry" ? UsageSource.Telemetry : UsageSource.Proxy },
            };
        }
        if (dims.Count > 0)
            filter = filter with { Dims = dims };
        return "usage" + UsageQueryString.Format(filter);
    }
}
