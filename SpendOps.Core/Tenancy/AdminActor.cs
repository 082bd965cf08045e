namespace SpendOps.Core.Tenancy;

/// <summary>The signed-in administrator making a change: recorded in the audit log and checked against the target.</summary>
/// <param name="UserId">The Identity user id, so nobody can demote, disable or lock out themselves.</param>
/// <param name="Name">What the audit log shows (the user name, an e-mail address).</param>
public sealed record AdminActor(string UserId, string Name, bool IsGlobalAdmin);
