using System.Globalization;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Export;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Cli;

/// <summary><c>reports chargeback</c>: the chargeback view of a period as CSV, Excel or FOCUS 1.2, written to a file.</summary>
internal static class ReportCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("reports chargeback",
            "reports chargeback --by dim:team,model [--from YYYY-MM-DD --to YYYY-MM-DD] [--tenant NAME] [--allocate none|proportional|owner:VALUE] [--format csv|xlsx|focus] [--out FILE]",
            ["from", "to", "by", "tenant", "allocate", "format", "out"], [], ChargebackAsync),
    ];

    private static async Task<int> ChargebackAsync(CliContext context)
    {
        var args = context.Args;
        var by = args.RequiredOption("by");
        if (!ChargebackKey.TryParseList(by, out var keys, out var keyError))
            throw new CliUsageException($"--by: {keyError}");
        var format = args.Option("format")?.ToLowerInvariant() ?? "csv";
        if (format is not ("csv" or "xlsx" or "focus"))
            throw new CliUsageException($"--format '{format}' is not csv, xlsx or focus");
        var allocation = ChargebackAllocation.None;
        if (args.Option("allocate") is { } allocate && !ChargebackAllocation.TryParse(allocate, out allocation))
            throw new CliUsageException($"--allocate '{allocate}' is not none, proportional or owner:VALUE");
        var path = args.Option("out");
        if (format == "xlsx" && path is null)
            throw new CliUsageException("--format xlsx needs --out FILE");
        var first = DayOption(args, "from");
        var end = DayOption(args, "to");
        if (first is null != end is null)
            throw new CliUsageException("give both --from and --to, or neither for last month");
        if (first is { } f && end is { } e && e <= f)
            throw new CliUsageException("--to must be after --from (--to is the first day not included)");

        var db = context.Get<SpendOpsDbContext>();
        var tenant = args.Option("tenant") is { } name ? await KeyCommands.FindTenantAsync(context, name) : null;
        var calendar = tenant is null ? TenantCalendar.Utc : TenantCalendar.For(tenant.TimeZone);
        var now = context.Get<TimeProvider>().GetUtcNow();
        var period = first is { } from && end is { } to ? ChargebackPeriod.Days(calendar, from, to) : ChargebackPeriod.LastMonth(calendar, now);
        var request = new ChargebackRequest(tenant is null ? TenantScope.AllTenants : TenantScope.Of(tenant.Id), period, keys, allocation);
        var reader = new ChargebackRecordReader(db);

        await using var file = path is null ? null : new FileStream(path, FileMode.Create, FileAccess.Write);
        var what = $"{period.FirstDay:yyyy-MM-dd} to {period.LastDay:yyyy-MM-dd}";
        if (format == "focus")
        {
            var text = file is null ? context.Out : new StreamWriter(file);
            var result = await new FocusCsvWriter(reader).WriteAsync(request, text, context.CancellationToken);
            await text.FlushAsync(context.CancellationToken);
            await Console.Error.WriteLineAsync($"FOCUS 1.2, {what}: {result.Rows} row(s) for {result.Calls} call(s), BilledCost ${Money(result.BilledCostUsd)}"
                + (result.CorrectionRows > 0 ? $" (of which {result.CorrectionRows} correction row(s) for calls of earlier periods re-rated in this one: ${Money(result.CorrectionsUsd)})" : "")
                + (result.SkippedCalls > 0 ? $"; {result.SkippedCalls} call(s) without a cost left out." : "."));
            return 0;
        }

        var report = await ChargebackQuery.RunAsync(db, request, calendar, context.CancellationToken);
        if (format == "xlsx")
        {
            var calls = await new ChargebackXlsxWriter(reader).WriteAsync(report, file!, now, context.CancellationToken);
            await Console.Error.WriteLineAsync($"Chargeback {what}: {report.Rows.Count} row(s), {calls} call(s), total ${Money(report.Total.CostUsd)} written to {path}.");
            return 0;
        }
        var output = file is null ? context.Out : new StreamWriter(file);
        await ChargebackCsvWriter.WriteAsync(report, output, context.CancellationToken);
        await output.FlushAsync(context.CancellationToken);
        await Console.Error.WriteLineAsync($"Chargeback {what}: {report.Rows.Count} row(s), total ${Money(report.Total.CostUsd)}"
            + (report.Total.UnpricedCalls > 0 ? $"; {report.Total.UnpricedCalls} unpriced call(s) have no cost yet and are not in the total." : "."));
        return 0;
    }

    /// <summary>A local day in the tenant's time zone; times are refused so a period always runs midnight to midnight.</summary>
    private static DateOnly? DayOption(CliArguments args, string name)
    {
        var value = args.Option(name);
        if (value is null)
            return null;
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliUsageException($"--{name} '{value}' is not a date (YYYY-MM-DD, a day in the tenant's time zone)");
    }

    private static string Money(decimal value) => UsageExporter.Money(value);
}
