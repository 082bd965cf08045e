using SpendOps.Core.Keys;
using SpendOps.Core.Providers;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// Reads a scope written as terms: <c>key:ID</c>, <c>dim:NAME=VALUE</c>, <c>provider:P</c>, <c>model:PATTERN</c>,
/// <c>source:proxy</c> or <c>source:telemetry</c>. The same syntax in the CLI (<c>--scope</c>) and the portal.
/// </summary>
public static class BudgetScopeTerms
{
    public const string Syntax = "key:ID, dim:NAME=VALUE, provider:P, model:PATTERN, source:proxy or source:telemetry";

    public static BudgetScope Parse(IEnumerable<string> terms)
    {
        var keys = new List<string>();
        var dims = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var providers = new List<string>();
        var models = new List<string>();
        var sources = new List<UsageSource>();
        foreach (var raw in terms)
        {
            var term = raw.Trim();
            if (term.Length == 0)
                continue;
            var colon = term.IndexOf(':');
            var kind = colon > 0 ? term[..colon].Trim().ToLowerInvariant() : "";
            var value = colon > 0 ? term[(colon + 1)..].Trim() : "";
            switch (kind)
            {
                case "key" when value.Length is > 0 and <= ApiKeyFormat.MaxIdLength:
                    keys.Add(value);
                    break;
                case "dim":
                    var (name, dimValue) = ParseDim(term, value);
                    if (!dims.TryGetValue(name, out var values))
                        dims[name] = values = [];
                    values.Add(dimValue);
                    break;
                case "provider" when ProviderCatalog.Find(value.ToLowerInvariant()) is not null:
                    providers.Add(value.ToLowerInvariant());
                    break;
                case "provider":
                    throw new DomainException($"Unknown provider '{value}' in scope '{term}'. Known providers: {string.Join(", ", ProviderCatalog.All.Select(p => p.Name))}.");
                case "model" when ModelPattern.IsValid(value):
                    models.Add(value);
                    break;
                case "model":
                    throw new DomainException($"Invalid model pattern in scope '{term}': use a model name, optionally with * and ?, and no spaces.");
                case "source" when value.Equals("proxy", StringComparison.OrdinalIgnoreCase):
                    sources.Add(UsageSource.Proxy);
                    break;
                case "source" when value.Equals("telemetry", StringComparison.OrdinalIgnoreCase):
                    sources.Add(UsageSource.Telemetry);
                    break;
                case "source":
                    throw new DomainException($"Unknown source in scope '{term}': write source:proxy or source:telemetry.");
                default:
                    throw new DomainException($"Invalid scope '{term}': write {Syntax}.");
            }
        }
        return new BudgetScope
        {
            KeyIds = keys.Distinct(StringComparer.Ordinal).ToList(),
            Dims = dims.ToDictionary(d => d.Key, d => (IReadOnlyList<string>)d.Value.Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal),
            Providers = providers.Distinct(StringComparer.Ordinal).ToList(),
            ModelPatterns = models.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Sources = sources.Distinct().Order().ToList(),
        };
    }

    public static string SourceName(UsageSource source) => source == UsageSource.Proxy ? "proxy" : "telemetry";

    private static (string Name, string Value) ParseDim(string term, string text)
    {
        var eq = text.IndexOf('=');
        var name = eq > 0 ? text[..eq].Trim() : "";
        var value = eq > 0 ? text[(eq + 1)..].Trim() : "";
        if (!Dimensions.IsValidName(name) || !Dimensions.IsValidValue(value))
            throw new DomainException($"Invalid scope '{term}': write dim:NAME=VALUE, e.g. dim:team=backend (names: letters, digits, '_', '-', '.').");
        return (Dimensions.Normalize(name), value);
    }
}
