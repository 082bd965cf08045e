namespace SpendOps.Core.Tenancy;

/// <summary>A catalogue entry as the portal or the command line submits it; <see cref="TenantDimsRules"/> checks it.</summary>
public sealed record TenantDimensionInput(string Name, string? Description, bool Required, IReadOnlyList<string> AllowedValues);
