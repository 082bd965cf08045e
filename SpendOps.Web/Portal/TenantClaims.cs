namespace SpendOps.Web.Portal;

public static class TenantClaims
{
    /// <summary>The signed-in user's tenant id, added to the cookie at sign-in.</summary>
    public const string TenantId = "spendops:tenant";
}
