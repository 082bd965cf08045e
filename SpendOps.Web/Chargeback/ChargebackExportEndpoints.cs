using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Export;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Chargeback;

internal static class ChargebackExportEndpoints
{
    /// <summary>
    /// <c>GET /api/chargeback/export?format=csv|xlsx|focus&amp;period=…&amp;by=…&amp;allocate=…</c> (the page's own query,
    /// <see cref="ChargebackQueryString"/>): the signed-in Finance user's tenant's chargeback, written to the response as
    /// the writer produces it, so the browser shows the download's progress and the server holds no whole file.
    /// </summary>
    public static IEndpointConventionBuilder MapChargebackExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/chargeback").RequireAuthorization(PortalPolicies.Finance);
        group.MapGet("/export", ExportAsync);
        return group;
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ForbidHttpResult>> ExportAsync(
        HttpContext context, SpendOpsDbContext db, TimeProvider clock, ClaimsPrincipal user)
    {
        if (UserTenantScope.Of(user) is not { } scope)
            return TypedResults.Forbid();

        var cancellationToken = context.RequestAborted;
        var calendar = await TenantCalendar.ForTenantAsync(db, scope.TenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var (view, errors) = ChargebackQueryString.Parse(context.Request.Query, calendar, now);
        var problems = errors.ToList();
        var format = context.Request.Query["format"].ToString().ToLowerInvariant() switch
        {
            "" or "csv" => "csv",
            "xlsx" => "xlsx",
            "focus" => "focus",
            _ => null,
        };
        if (format is null)
            problems.Add("'format' must be csv, xlsx or focus.");
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = [.. problems] });

        var request = view.Request(scope, calendar);
        var reader = new ChargebackRecordReader(db);
        var name = $"chargeback-{view.Period.FileText}";
        return format switch
        {
            "focus" => TypedResults.Stream(async body =>
            {
                await using var writer = Text(body);
                await new FocusCsvWriter(reader).WriteAsync(request, writer, cancellationToken);
            }, "text/csv; charset=utf-8", $"{name}-focus.csv"),
            "xlsx" => await XlsxAsync(context, db, request, calendar, reader, now, name, cancellationToken),
            _ => await CsvAsync(db, request, calendar, name, cancellationToken),
        };
    }

    private static async Task<PushStreamHttpResult> CsvAsync(SpendOpsDbContext db, ChargebackRequest request, TenantCalendar calendar, string name, CancellationToken cancellationToken)
    {
        var report = await ChargebackQuery.RunAsync(db, request, calendar, cancellationToken);
        return TypedResults.Stream(async body =>
        {
            await using var writer = Text(body);
            await ChargebackCsvWriter.WriteAsync(report, writer, cancellationToken);
        }, "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static async Task<PushStreamHttpResult> XlsxAsync(HttpContext context, SpendOpsDbContext db, ChargebackRequest request, TenantCalendar calendar,
        ChargebackRecordReader reader, DateTimeOffset now, string name, CancellationToken cancellationToken)
    {
        var report = await ChargebackQuery.RunAsync(db, request, calendar, cancellationToken);
        return TypedResults.Stream(async body =>
        {
            // The workbook is a zip written part by part (XlsxPackage), and ZipArchive and OpenXmlWriter write
            // synchronously; Kestrel refuses synchronous writes unless the request allows them. The alternative, a
            // temporary file or a memory buffer of the whole workbook, is what streaming is meant to avoid.
            context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
            await new ChargebackXlsxWriter(reader).WriteAsync(report, body, now, cancellationToken);
        }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
    }

    // No BOM: scripts that split the first line on commas would read it into the first column name.
    private static StreamWriter Text(Stream body) => new(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
}
