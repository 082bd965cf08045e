using SpendOps.Core.Tenancy;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// The dimension part of the policy: the tenant's catalogue combined with the key's own rules. Required names add up
/// (tenant's ∪ key's); a name or value must pass both the catalogue and the key, so a key can only narrow the
/// catalogue, and a key saved before the catalogue tightened gets the intersection. Provider and model checks live
/// on <see cref="ResolvedKey"/>.
/// </summary>
public static class PolicyCheck
{
    /// <summary>Null when the dimensions satisfy the policy, otherwise the error message for the 400.</summary>
    public static string? CheckDims(ResolvedKey key, TenantDimsPolicy tenant, IReadOnlyDictionary<string, string> dims)
    {
        var policy = key.Policy;
        foreach (var required in tenant.Required)
        {
            if (!dims.ContainsKey(required))
                return ProxyMessages.RequireDimsViolation;
        }
        foreach (var required in policy.RequiredDims)
        {
            if (!dims.ContainsKey(required))
                return ProxyMessages.RequireDimsViolation;
        }
        foreach (var (name, value) in dims)
        {
            if (!tenant.AllowsName(name))
                return $"{ProxyMessages.DimsPolicyViolation}: dimension '{name}' is not in the tenant's dimension catalogue (allowed: {string.Join(", ", tenant.Names)})";
            if (tenant.ValuesOf(name) is { } catalogued && !catalogued.Contains(value))
                return $"{ProxyMessages.DimsPolicyViolation}: '{value}' is not an allowed value of '{name}' (allowed: {string.Join(", ", catalogued.Order(StringComparer.Ordinal))})";
        }
        if (policy.AllowedDims is { } allowed)
        {
            foreach (var (name, value) in dims)
            {
                if (!allowed.TryGetValue(name, out var values))
                    return $"{ProxyMessages.DimsPolicyViolation}: dimension '{name}' is not allowed (allowed: {string.Join(", ", allowed.Keys)})";
                if (values.Count > 0 && !values.Contains(value, StringComparer.Ordinal))
                    return $"{ProxyMessages.DimsPolicyViolation}: '{value}' is not an allowed value of '{name}'";
            }
        }
        return null;
    }
}
