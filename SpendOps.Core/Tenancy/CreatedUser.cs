namespace SpendOps.Core.Tenancy;

/// <summary>A user just created; <paramref name="GeneratedPassword"/> is set when the password was generated, to be shown once.</summary>
public sealed record CreatedUser(TenantUser User, string? GeneratedPassword);
