using SpendOps.Core.Providers;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Keys;

/// <summary>Checks a policy before it is saved and returns it in canonical form (trimmed, lower-case names).</summary>
public static class KeyPolicyValidator
{
    public static KeyPolicy Normalize(KeyPolicy policy)
    {
        var providers = policy.AllowedProviders.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct().ToList();
        foreach (var provider in providers)
        {
            if (ProviderCatalog.Find(provider) is null)
                throw new DomainException($"Unknown provider '{provider}'. Known providers: {string.Join(", ", ProviderCatalog.All.Select(p => p.Name))}.");
        }

        var models = policy.AllowedModels.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        foreach (var model in models)
        {
            if (!ModelPattern.IsValid(model))
                throw new DomainException($"Invalid model pattern '{model}': use a model name, optionally with * and ?, and no spaces.");
        }

        var required = NormalizeNames(policy.RequiredDims);
        Dictionary<string, IReadOnlyList<string>>? allowed = null;
        if (policy.AllowedDims is not null)
        {
            allowed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, values) in policy.AllowedDims)
            {
                var normalized = NormalizeNames([name])[0];
                var cleanValues = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
                foreach (var value in cleanValues)
                {
                    if (!Dimensions.IsValidValue(value))
                        throw new DomainException($"Invalid value '{value}' for dimension '{normalized}'.");
                }
                allowed[normalized] = cleanValues;
            }
            foreach (var name in required)
            {
                if (!allowed.ContainsKey(name))
                    throw new DomainException($"Required dimension '{name}' is not in the allowed dimension names.");
            }
        }

        CheckRateLimit(policy.RequestsPerMinute, "Requests per minute");
        CheckRateLimit(policy.TokensPerMinute, "Tokens per minute");

        return policy with { AllowedProviders = providers, AllowedModels = models, RequiredDims = required, AllowedDims = allowed };
    }

    /// <summary>Null means "the tenant's default"; a limit of 0 would lock the key out, which is what disabling is for.</summary>
    public static void CheckRateLimit(int? limit, string what)
    {
        if (limit is <= 0)
            throw new DomainException($"{what} must be a whole number of at least 1 (leave it empty for the tenant's default); got {limit}.");
    }

    private static List<string> NormalizeNames(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            if (name.Length == 0)
                continue;
            if (!Dimensions.IsValidName(name))
                throw new DomainException($"Invalid dimension name '{name}': use letters, digits, '_', '-' or '.', at most {Dimensions.MaxNameLength} characters.");
            name = Dimensions.Normalize(name);
            if (!result.Contains(name))
                result.Add(name);
        }
        return result;
    }
}
