namespace SpendOps.Web.Observability;

/// <summary>The <c>Metrics</c> section: the Prometheus scrape endpoint.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>
    /// More meters to export besides SpendOps's own and the framework's defaults, by name or with a trailing <c>*</c>
    /// (e.g. <c>Microsoft.AspNetCore.Routing</c>); read at start.
    /// </summary>
    public string[] AdditionalMeters { get; set; } = [];

    internal sealed class PrometheusOptions
    {
        /// <summary>Serve <c>/metrics</c> (read at start).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>
        /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) besides loopback whose callers may scrape <c>/metrics</c>; others get
        /// 404. The caller is the forwarded client when forwarded headers are honoured.
        /// </summary>
        public string[] AllowedNetworks { get; set; } = [];
    }
}
