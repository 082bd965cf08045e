namespace SpendOps.Core.Tenancy;

/// <summary>
/// One entry of a tenant's dimension catalogue: a name callers may send in <c>X-ASO-Dims</c>, whether every call
/// must carry it, and the values it may take. Once a tenant has a catalogue, the proxy accepts only its names, for
/// every key; a key's own policy can narrow it further but never widen it.
/// </summary>
public sealed class TenantDimension
{
    public Guid TenantId { get; set; }
    public Tenant? Tenant { get; set; }

    /// <summary>Normalized as <see cref="Usage.Dimensions.Normalize"/> does (lower case).</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }
    public bool Required { get; set; }

    /// <summary>The accepted values (exact, case-sensitive); empty accepts any value (free text).</summary>
    public IReadOnlyList<string> AllowedValues { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
