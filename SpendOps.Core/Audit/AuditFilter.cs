namespace SpendOps.Core.Audit;

/// <summary>Which audit entries of a tenant to show. Null members do not filter; the period is [From, To).</summary>
public sealed record AuditFilter(Guid TenantId)
{
    public string? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}
