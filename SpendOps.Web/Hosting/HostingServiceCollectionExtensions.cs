using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpendOps.Web.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Running as one of several instances behind a TLS-terminating proxy: forwarded headers from known proxies, and
    /// the data-protection keys in the shared database. Registered before the other modules, so that its startup
    /// filter runs ahead of theirs.
    /// </summary>
    public static IHostApplicationBuilder AddSpendOpsHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ForwardedHeadersStartupFilter>());
        builder.AddSpendOpsDataProtection();
        return builder;
    }
}
