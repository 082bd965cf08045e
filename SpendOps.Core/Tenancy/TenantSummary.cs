namespace SpendOps.Core.Tenancy;

/// <summary>A tenant with the number of its users and keys, for the global admins' tenant list.</summary>
public sealed record TenantSummary(Guid Id, string Name, DateTimeOffset CreatedAt, int Users, int Keys);
