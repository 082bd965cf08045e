using Hangfire;

namespace SpendOps.Web.Jobs;

internal static class JobsDashboardEndpoints
{
    public const string Path = "/jobs";

    /// <summary>
    /// Hangfire's dashboard at <c>/jobs</c> for portal admins: recurring jobs, runs, failures, servers. It reads the
    /// shared job storage, so it works on an instance with <c>Jobs:Enabled</c> false too.
    /// </summary>
    public static IEndpointConventionBuilder MapSpendOpsJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = new DashboardOptions
        {
            // Hangfire's default filter admits local requests only; the portal's sign-in and admin policy decide instead.
            AsyncAuthorization = [new PortalAdminDashboardAuthorization()],
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "SpendOps jobs",
            // The storage line would print the PostgreSQL connection string (host, user) on every page.
            DisplayStorageConnectionString = false,
        };
        return endpoints.MapHangfireDashboard(Path, options).RequireAuthorization();
    }
}
