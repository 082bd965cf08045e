namespace SpendOps.Web.Portal;

/// <summary>How often a signed-in session's security stamp is checked against the database (cookie and circuit).</summary>
public static class PortalSessionRevalidation
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
}
