namespace SpendOps.Web.Observability;

/// <summary>The <c>Metrics</c> section: the Prometheus scrape endpoint.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public PrometheusOptions Prometheus { get; set; } = new();

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
