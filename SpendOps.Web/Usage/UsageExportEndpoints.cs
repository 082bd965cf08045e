using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Usage;

internal static class UsageExportEndpoints
{
    /// <summary>
    /// <c>GET /api/usage/export?format=csv|jsonl&amp;from=…&amp;to=…&amp;…</c> (filters as <see cref="UsageQueryString"/>):
    /// the signed-in Finance user's tenant's records, streamed page by page as <see cref="UsageExporter"/> writes them.
    /// </summary>
    public static IEndpointConventionBuilder MapUsageExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/usage").RequireAuthorization(PortalPolicies.Finance);
        group.MapGet("/export", Export);
        return group;
    }

    private static Results<PushStreamHttpResult, ValidationProblem, ForbidHttpResult> Export(HttpContext context, UsageExporter exporter, ClaimsPrincipal user)
    {
        if (UserTenantScope.Of(user) is not { } scope)
            return TypedResults.Forbid();

        var (filter, errors) = UsageQueryString.Parse(context.Request.Query);
        var problems = errors.ToList();
        var format = context.Request.Query["format"].ToString().ToLowerInvariant() switch
        {
            "" or "csv" => UsageExportFormat.Csv,
            "jsonl" => UsageExportFormat.Jsonl,
            _ => (UsageExportFormat?)null,
        };
        if (format is null)
            problems.Add("'format' must be csv or jsonl.");
        if (filter.From is null || filter.To is null)
            problems.Add("'from' and 'to' are required: an export covers a period.");
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = [.. problems] });

        filter = filter with { Scope = scope };
        var extension = format == UsageExportFormat.Csv ? "csv" : "jsonl";
        var fileName = string.Create(CultureInfo.InvariantCulture, $"usage-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.{extension}");
        var contentType = format == UsageExportFormat.Csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        var cancellationToken = context.RequestAborted;
        return TypedResults.Stream(async body =>
        {
            // No BOM: scripts that split the first line on commas would read it into the first column name.
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
            await exporter.WriteAsync(filter, format!.Value, writer, cancellationToken);
        }, contentType, fileName);
    }
}
