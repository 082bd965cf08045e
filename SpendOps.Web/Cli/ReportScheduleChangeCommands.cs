using System.Globalization;
using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Chargeback.Reports;

namespace SpendOps.Web.Cli;

/// <summary><c>reports schedule update|disable|enable|run</c>: changes to a schedule, and a period produced on demand.</summary>
internal static class ReportScheduleChangeCommands
{
    /// <summary>Options left out keep their value; <c>--email none</c> stops the e-mails.</summary>
    public static async Task<int> UpdateAsync(CliContext context)
    {
        var args = context.Args;
        var service = context.Get<ReportScheduleService>();
        var current = await service.FindAsync(ScheduleId(context), TenantScope.AllTenants, context.CancellationToken);
        var every = args.Option("every") ?? args.Option("frequency");
        var emails = args.Values("email");
        var request = new ReportScheduleRequest(
            current.TenantId,
            args.Option("name") ?? current.Name,
            every is null ? current.Frequency : ReportScheduleCommands.Frequency(every),
            args.Option("by") ?? current.GroupBy,
            args.Option("format") ?? args.Option("formats") ?? current.Formats,
            emails.Count == 0 ? current.Recipients : emails.Any(e => e.Equals("none", StringComparison.OrdinalIgnoreCase)) ? [] : emails);
        var schedule = await service.UpdateAsync(current.Id, TenantScope.AllTenants, request, context.Actor, context.CancellationToken);
        return await WriteAsync(context, schedule, $"Report schedule {schedule.Id} '{schedule.Name}' updated: {ReportScheduleCommands.Describe(schedule)}.");
    }

    public static async Task<int> SetEnabledAsync(CliContext context, bool enabled)
    {
        var schedule = await context.Get<ReportScheduleService>().SetEnabledAsync(ScheduleId(context), TenantScope.AllTenants, enabled, context.Actor, context.CancellationToken);
        return await WriteAsync(context, schedule, $"Report schedule {schedule.Id} '{schedule.Name}' {(enabled ? "enabled" : "disabled")}.");
    }

    /// <summary>Produces one period now; exit code 1 when the run failed or the period was already produced without <c>--force</c>.</summary>
    public static async Task<int> RunAsync(CliContext context)
    {
        var id = ScheduleId(context);
        var outcome = await context.Get<ReportScheduleService>().RunAsync(id, TenantScope.AllTenants, context.Args.Option("period"), context.Args.Flag("force"), context.Actor,
            context.CancellationToken);
        if (outcome.AlreadyProduced is { } done)
            throw new DomainException($"The report '{done.ScheduleName}' for {Period(done)} was already produced on {CliOutput.Date(done.CompletedAt ?? done.CreatedAt)}"
                + $" (run {done.Id}); give --force to produce it again.");
        var run = outcome.Run!;
        if (run.Status == ReportRunStatus.Failed)
            throw new DomainException($"The report '{run.ScheduleName}' for {Period(run)} failed (run {run.Id}): {run.Error}");
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new RunOutcomeJson(run.Id, id, run.ScheduleName, run.FirstDay, run.EndDay.AddDays(-1), run.Status, run.TotalUsd,
                run.Files.Select(f => f.Format).Order(StringComparer.Ordinal).ToList(), outcome.Replaced, run.EmailedAt, run.EmailError));
            return 0;
        }
        context.Out.WriteLine($"Report '{run.ScheduleName}' for {Period(run)} produced (run {run.Id}): total ${run.TotalUsd.ToString("0.00", CultureInfo.InvariantCulture)}, "
            + $"files {string.Join(",", run.Files.Select(f => f.Format).Order(StringComparer.Ordinal))}"
            + (outcome.Replaced is { } replaced ? $", replacing the {replaced.ToString().ToLowerInvariant()} run" : "")
            + (run.EmailedAt is not null ? ", e-mailed." : run.EmailError is { } error ? $"; not e-mailed: {error}" : "."));
        return 0;
    }

    private static Guid ScheduleId(CliContext context)
    {
        var text = context.Args.RequiredPositional(1, "a schedule ID (see 'reports schedule list')");
        return Guid.TryParse(text, out var id) ? id : throw new DomainException($"No report schedule with id '{text}'.");
    }

    private static async Task<int> WriteAsync(CliContext context, ReportSchedule schedule, string line)
    {
        if (context.Args.Flag("json"))
        {
            var tenants = await ReportScheduleCommands.TenantNamesAsync(context);
            CliOutput.WriteJson(context.Out, ReportScheduleCommands.Json(schedule, tenants.GetValueOrDefault(schedule.TenantId)));
        }
        else
            context.Out.WriteLine(line);
        return 0;
    }

    private static string Period(ReportRun run) =>
        $"{run.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {run.EndDay.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    internal sealed record RunOutcomeJson(
        Guid Id, Guid ScheduleId, string Report, DateOnly FirstDay, DateOnly LastDay, ReportRunStatus Status, decimal TotalUsd, IReadOnlyList<string> Formats,
        ReportRunStatus? Replaced, DateTimeOffset? EmailedAt, string? EmailError);
}
