namespace SpendOps.Web.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (TLS terminators, load balancers) whose
/// <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed. Empty: none are (not even loopback).
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
