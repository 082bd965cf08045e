using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Reports;

internal static class ReportFileEndpoints
{
    /// <summary>
    /// <c>GET /api/reports/runs/{runId}/files/{format}</c>: a scheduled report's stored file, for Finance and Admins of the
    /// run's tenant; another tenant's run is not found.
    /// </summary>
    public static IEndpointConventionBuilder MapReportFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A file download is not recognised as an API endpoint, so the sign-in cookie would redirect a refusal to the
        // access-denied page; an API answers 401 or 403.
        var group = endpoints.MapGroup("/api/reports").RequireAuthorization(PortalPolicies.Finance).DisableCookieRedirect();
        group.MapGet("/runs/{runId:guid}/files/{format}", DownloadAsync);
        return group;
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> DownloadAsync(
        Guid runId, string format, ClaimsPrincipal user, ReportScheduleService reports, CancellationToken cancellationToken)
    {
        if (UserTenantScope.Of(user) is not { } scope)
            return TypedResults.Forbid();
        var file = await reports.FileAsync(runId, format.ToLowerInvariant(), scope, cancellationToken);
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
