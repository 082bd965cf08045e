using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Data;

namespace SpendOps.Web.Cli;

/// <summary><c>reports schedule|runs|download</c>: scheduled chargeback reports, their run history and stored files.</summary>
internal static class ReportScheduleCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("reports schedule",
            "reports schedule create --tenant NAME --name NAME --every month|week --by dim:team,model --format xlsx[,focus] [--email ADDRESS ...] [--json]"
            + " | reports schedule update ID [--name NAME] [--every month|week] [--by KEYS] [--format FORMATS] [--email ADDRESS ...|none] [--json]"
            + " | reports schedule disable|enable ID | reports schedule run ID [--period YYYY-MM|YYYY-MM-DD] [--force] [--json]"
            + " | reports schedule list [--tenant NAME] [--json] | reports schedule delete ID",
            ["tenant", "name", "every", "frequency", "by", "format", "formats", "email", "period"], ["json", "force"], ScheduleAsync, ["email"]),
        new("reports runs", "reports runs [--tenant NAME] [--json]", ["tenant"], ["json"], RunsAsync),
        new("reports download", "reports download RUN_ID [--format csv|xlsx|focus] --out FILE", ["format", "out"], [], DownloadAsync),
    ];

    private const string Verbs = "create, update, disable, enable, run, list or delete";

    private static Task<int> ScheduleAsync(CliContext context) => context.Args.RequiredPositional(0, Verbs) switch
    {
        "create" => CreateAsync(context),
        "update" => ReportScheduleChangeCommands.UpdateAsync(context),
        "disable" => ReportScheduleChangeCommands.SetEnabledAsync(context, false),
        "enable" => ReportScheduleChangeCommands.SetEnabledAsync(context, true),
        "run" => ReportScheduleChangeCommands.RunAsync(context),
        "list" => ListAsync(context),
        "delete" => DeleteAsync(context),
        var other => throw new CliUsageException($"'{other}' is not {Verbs}"),
    };

    private static async Task<int> CreateAsync(CliContext context)
    {
        var args = context.Args;
        var tenantName = args.RequiredOption("tenant");
        var frequency = Frequency(args.RequiredOption("every"));
        var tenant = await KeyCommands.FindTenantAsync(context, tenantName);
        var request = new ReportScheduleRequest(tenant.Id, args.RequiredOption("name"), frequency, args.RequiredOption("by"), args.RequiredOption("format"),
            args.Values("email"));
        var schedule = await context.Get<ReportScheduleService>().CreateAsync(request, context.Actor, context.CancellationToken);
        if (args.Flag("json"))
            CliOutput.WriteJson(context.Out, Json(schedule, tenant.Name));
        else
            context.Out.WriteLine($"Report schedule {schedule.Id} '{schedule.Name}' for {tenant.Name}: {Describe(schedule)}.");
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        var scope = await CliTenantScope.FromOptionAsync(context);
        var schedules = await context.Get<ReportScheduleService>().ListAsync(scope, context.CancellationToken);
        var tenants = await TenantNamesAsync(context);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, schedules.Select(s => Json(s, tenants.GetValueOrDefault(s.TenantId))));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["ID", "TENANT", "NAME", "STATUS", "EVERY", "BY", "FORMAT", "E-MAIL"],
            schedules.Select(s => new[]
            {
                s.Id.ToString(), tenants.GetValueOrDefault(s.TenantId), s.Name, s.Enabled ? "enabled" : "disabled", Every(s.Frequency), s.GroupBy, s.Formats,
                s.EmailTo.Length == 0 ? "-" : s.EmailTo,
            }));
        return 0;
    }

    private static async Task<int> DeleteAsync(CliContext context)
    {
        var text = context.Args.RequiredPositional(1, "a schedule ID (see 'reports schedule list')");
        if (!Guid.TryParse(text, out var id) || !await context.Get<ReportScheduleService>().DeleteAsync(id, TenantScope.AllTenants, context.Actor, context.CancellationToken))
            throw new DomainException($"No report schedule with id '{text}'.");
        context.Out.WriteLine($"Report schedule {id} deleted with its runs.");
        return 0;
    }

    private static async Task<int> RunsAsync(CliContext context)
    {
        var scope = await CliTenantScope.FromOptionAsync(context);
        var runs = await context.Get<ReportScheduleService>().RunsAsync(scope, context.CancellationToken);
        var tenants = await TenantNamesAsync(context);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, runs.Select(r => new RunJson(
                r.Run.Id, r.Run.ScheduleId, tenants.GetValueOrDefault(r.Run.TenantId), r.Run.ScheduleName, r.Run.FirstDay, r.Run.EndDay.AddDays(-1), r.Run.Status,
                r.Run.TotalUsd, r.Run.CreatedAt, r.Run.EmailedAt, r.Run.Error ?? r.Run.EmailError, r.Files.Select(f => new FileJson(f.Format, f.FileName, f.Bytes)).ToList())));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["ID", "TENANT", "REPORT", "PERIOD", "STATUS", "TOTAL", "FILES", "E-MAILED"],
            runs.Select(r => new[]
            {
                r.Run.Id.ToString(), tenants.GetValueOrDefault(r.Run.TenantId), r.Run.ScheduleName, $"{r.Run.FirstDay:yyyy-MM-dd} to {r.Run.EndDay.AddDays(-1):yyyy-MM-dd}",
                r.Run.Status.ToString().ToLowerInvariant(), "$" + r.Run.TotalUsd.ToString("0.00", CultureInfo.InvariantCulture),
                string.Join(",", r.Files.Select(f => f.Format)), r.Run.EmailedAt is null ? (r.Run.EmailError is null ? "-" : "failed") : CliOutput.Date(r.Run.EmailedAt),
            }));
        return 0;
    }

    private static async Task<int> DownloadAsync(CliContext context)
    {
        var text = context.Args.RequiredPositional(0, "a run ID (see 'reports runs')");
        var path = context.Args.RequiredOption("out");
        var format = context.Args.Option("format")?.ToLowerInvariant();
        if (format is not null && !ReportFormats.All.Contains(format))
            throw new CliUsageException($"--format '{format}' is not csv, xlsx or focus");
        var file = Guid.TryParse(text, out var id) ? await context.Get<ReportScheduleService>().FileAsync(id, format, TenantScope.AllTenants, context.CancellationToken) : null;
        if (file is null)
            throw new DomainException(format is null ? $"No report run with id '{text}' has a file." : $"No report run with id '{text}' has a {format} file.");
        await File.WriteAllBytesAsync(path, file.Content, context.CancellationToken);
        context.Out.WriteLine($"{file.FileName} ({file.Content.Length} bytes) written to {path}.");
        return 0;
    }

    internal static Task<Dictionary<Guid, string>> TenantNamesAsync(CliContext context) =>
        context.Get<SpendOpsDbContext>().Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, context.CancellationToken);

    internal static ReportFrequency Frequency(string text) => text.ToLowerInvariant() switch
    {
        "month" or "monthly" => ReportFrequency.Monthly,
        "week" or "weekly" => ReportFrequency.Weekly,
        var other => throw new CliUsageException($"--every '{other}' is not month or week"),
    };

    internal static string Describe(ReportSchedule s) => $"every {Every(s.Frequency)}, by {s.GroupBy}, as {s.Formats}"
        + (s.Recipients.Count > 0 ? $", e-mailed to {string.Join(", ", s.Recipients)}" : "") + (s.Enabled ? "" : " (disabled)");

    private static string Every(ReportFrequency frequency) => frequency == ReportFrequency.Monthly ? "month" : "week";

    internal static ScheduleJson Json(ReportSchedule s, string? tenant) =>
        new(s.Id, tenant, s.Name, Every(s.Frequency), s.GroupBy, s.FormatList, s.Recipients, s.Enabled, s.CreatedAt);

    internal sealed record ScheduleJson(Guid Id, string? Tenant, string Name, string Every, string By, IReadOnlyList<string> Formats, IReadOnlyList<string> Email, bool Enabled, DateTimeOffset CreatedAt);

    internal sealed record RunJson(
        Guid Id, Guid ScheduleId, string? Tenant, string Report, DateOnly FirstDay, DateOnly LastDay, ReportRunStatus Status, decimal TotalUsd,
        DateTimeOffset CreatedAt, DateTimeOffset? EmailedAt, string? Error, IReadOnlyList<FileJson> Files);

    internal sealed record FileJson(string Format, string FileName, int Bytes);
}
