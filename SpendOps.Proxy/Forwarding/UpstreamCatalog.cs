using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The upstream of each provider, fixed at start-up from the catalog defaults and <c>Proxy:Providers</c>.
/// Clients only ever choose a provider name, never a host.
/// </summary>
public sealed class UpstreamCatalog
{
    private readonly FrozenDictionary<string, Upstream>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public UpstreamCatalog(IOptions<ProxyOptions> options)
    {
        var upstreams = ProviderCatalog.All.ToFrozenDictionary(
            p => p.Name,
            p =>
            {
                var configured = options.Value.Providers.GetValueOrDefault(p.Name)?.BaseUrl;
                var baseUrl = string.IsNullOrWhiteSpace(configured) ? p.DefaultBaseUrl : configured;
                return new Upstream(p, baseUrl.TrimEnd('/'));
            },
            StringComparer.OrdinalIgnoreCase);
        All = upstreams.Values.OrderBy(u => u.Info.Name, StringComparer.Ordinal).ToList();
        lookup = upstreams.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<Upstream> All { get; }

    public Upstream? Find(ReadOnlySpan<char> provider) => lookup.TryGetValue(provider, out var upstream) ? upstream : null;
}
