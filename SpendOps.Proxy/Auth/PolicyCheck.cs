namespace SpendOps.Proxy.Auth;

/// <summary>The dimension part of a key's policy. Provider and model checks live on <see cref="ResolvedKey"/>.</summary>
public static class PolicyCheck
{
    /// <summary>Null when the dimensions satisfy the policy, otherwise the error message for the 400.</summary>
    public static string? CheckDims(ResolvedKey key, IReadOnlyDictionary<string, string> dims)
    {
        var policy = key.Policy;
        foreach (var required in policy.RequiredDims)
        {
            if (!dims.ContainsKey(required))
                return ProxyMessages.RequireDimsViolation;
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
