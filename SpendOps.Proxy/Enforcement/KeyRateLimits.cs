namespace SpendOps.Proxy.Enforcement;

/// <summary>The limits that apply to a key: its own, or its tenant's defaults where it sets none. Null is no limit.</summary>
public readonly record struct KeyRateLimits(int? RequestsPerMinute, int? TokensPerMinute)
{
    public bool Any => RequestsPerMinute is not null || TokensPerMinute is not null;
}
