using Microsoft.EntityFrameworkCore;
using MimeKit;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// Creates, changes, disables, enables, runs and deletes report schedules and reads their runs, for the CLI and the
/// portal, with an audit entry for each change.
/// </summary>
/// <remarks>
/// <c>scope</c> is the caller's tenant (portal) or all tenants (the admin command line). A schedule outside it is
/// reported as not found.
/// </remarks>
internal sealed class ReportScheduleService(SpendOpsDbContext db, ReportProducer producer, AuditLog audit, TimeProvider clock)
{
    public const int MaxRuns = 200;

    public async Task<ReportSchedule> CreateAsync(ReportScheduleRequest request, string actor, CancellationToken cancellationToken)
    {
        var schedule = new ReportSchedule
        {
            TenantId = request.TenantId, Name = "", GroupBy = "", Formats = "", CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        await ApplyAsync(schedule, request, cancellationToken);
        db.ReportSchedules.Add(schedule);
        audit.Record(schedule.TenantId, actor, "report_schedule.created", "report_schedule", schedule.Id.ToString(), Describe(schedule));
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    /// <summary>Changes name, frequency, grouping, formats and recipients; runs already produced keep their files.</summary>
    public async Task<ReportSchedule> UpdateAsync(Guid id, TenantScope scope, ReportScheduleRequest request, string actor, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(id, scope, cancellationToken);
        await ApplyAsync(schedule, request with { TenantId = schedule.TenantId }, cancellationToken);
        audit.Record(schedule.TenantId, actor, "report_schedule.updated", "report_schedule", schedule.Id.ToString(), Describe(schedule));
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    /// <summary>A disabled schedule is not produced by the job (it can still be run on demand); enabling it again resumes it.</summary>
    public async Task<ReportSchedule> SetEnabledAsync(Guid id, TenantScope scope, bool enabled, string actor, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(id, scope, cancellationToken);
        if (schedule.Enabled != enabled)
        {
            schedule.Enabled = enabled;
            audit.Record(schedule.TenantId, actor, enabled ? "report_schedule.enabled" : "report_schedule.disabled", "report_schedule", schedule.Id.ToString(), schedule.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        return schedule;
    }

    /// <summary>
    /// Produces one period now: <paramref name="period"/> as <c>YYYY-MM</c> (monthly) or any day of the week as
    /// <c>YYYY-MM-DD</c> (weekly), or the last period that has ended when null. A failed run of that period is replaced;
    /// a succeeded one only when <paramref name="replace"/> is set, else it is returned as
    /// <see cref="ReportRunOutcome.AlreadyProduced"/> and nothing is done.
    /// </summary>
    public async Task<ReportRunOutcome> RunAsync(Guid id, TenantScope scope, string? period, bool replace, string actor, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(id, scope, cancellationToken);
        var calendar = await TenantCalendar.ForTenantAsync(db, schedule.TenantId, cancellationToken);
        var chosen = ReportPeriods.Parse(schedule.Frequency, calendar, period, clock.GetUtcNow());
        var outcome = await producer.ProduceOnDemandAsync(schedule, chosen, replace, cancellationToken);
        if (outcome.Run is { } run)
        {
            audit.Record(schedule.TenantId, actor, outcome.Replaced is null ? "report_schedule.run" : "report_schedule.rerun", "report_schedule", schedule.Id.ToString(),
                $"{schedule.Name} {chosen.FirstDay:yyyy-MM-dd} to {chosen.LastDay:yyyy-MM-dd}: {run.Status.ToString().ToLowerInvariant()}"
                + (outcome.Replaced is { } old ? $", replacing a {old.ToString().ToLowerInvariant()} run" : ""));
            await db.SaveChangesAsync(cancellationToken);
        }
        return outcome;
    }

    public Task<List<ReportSchedule>> ListAsync(TenantScope scope, CancellationToken cancellationToken) =>
        db.ReportSchedules.AsNoTracking().InScope(scope).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Deletes the schedule with its runs and their files; false when there is none with that id (in that tenant).</summary>
    public async Task<bool> DeleteAsync(Guid id, TenantScope scope, string actor, CancellationToken cancellationToken)
    {
        var schedule = await db.ReportSchedules.InScope(scope).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
            return false;
        await db.ReportFiles.Where(f => db.ReportRuns.Any(r => r.Id == f.RunId && r.ScheduleId == id)).ExecuteDeleteAsync(cancellationToken);
        await db.ReportRuns.Where(r => r.ScheduleId == id).ExecuteDeleteAsync(cancellationToken);
        db.ReportSchedules.Remove(schedule);
        audit.Record(schedule.TenantId, actor, "report_schedule.deleted", "report_schedule", schedule.Id.ToString(), schedule.Name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<ReportSchedule> FindAsync(Guid id, TenantScope scope, CancellationToken cancellationToken)
    {
        var schedule = await db.ReportSchedules.InScope(scope).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (schedule is null)
            throw new DomainException($"No report schedule with id '{id}'.");
        return schedule;
    }

    /// <summary>The newest runs first, with their files' names and sizes but not their content.</summary>
    public async Task<List<ReportRunSummary>> RunsAsync(TenantScope scope, CancellationToken cancellationToken)
    {
        var runs = await db.ReportRuns.AsNoTracking().InScope(scope)
            .OrderByDescending(r => r.PeriodStart).ThenBy(r => r.ScheduleName).Take(MaxRuns).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var files = await db.ReportFiles.AsNoTracking().Where(f => ids.Contains(f.RunId))
            .Select(f => new ReportFileSummary(f.Id, f.RunId, f.Format, f.FileName, f.Content.Length)).ToListAsync(cancellationToken);
        return runs.Select(r => new ReportRunSummary(r, files.Where(f => f.RunId == r.Id).OrderBy(f => f.Format).ToList())).ToList();
    }

    /// <summary>A stored file, or null when there is none with that id (in that scope).</summary>
    public Task<ReportFile?> FileAsync(Guid runId, string? format, TenantScope scope, CancellationToken cancellationToken)
    {
        var runs = db.ReportRuns.InScope(scope);
        return db.ReportFiles.AsNoTracking()
            .Where(f => f.RunId == runId && (format == null || f.Format == format))
            .Where(f => runs.Any(r => r.Id == f.RunId))
            .OrderBy(f => f.Format)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task ApplyAsync(ReportSchedule schedule, ReportScheduleRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException("A report name has 1 to 100 characters.");
        if (!ChargebackKey.TryParseList(request.GroupBy, out var keys, out var keyError))
            throw new DomainException($"Group by: {keyError}.");
        if (!ReportFormats.TryParseList(request.Formats, out var formats, out var formatError))
            throw new DomainException($"Format: {formatError}.");
        var emails = request.EmailTo.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.FirstOrDefault(e => !MailboxAddress.TryParse(e, out var address) || !address.Address.Contains('@', StringComparison.Ordinal)) is { } bad)
            throw new DomainException($"'{bad}' is not an e-mail address.");
        if (await db.ReportSchedules.AnyAsync(s => s.TenantId == request.TenantId && s.Name == name && s.Id != schedule.Id, cancellationToken))
            throw new DomainException($"The tenant already has a report named '{name}'.");
        (schedule.Name, schedule.Frequency, schedule.GroupBy, schedule.Formats, schedule.EmailTo) =
            (name, request.Frequency, string.Join(',', keys), string.Join(',', formats), string.Join(',', emails));
    }

    private static string Describe(ReportSchedule s) =>
        $"{s.Name}: every {(s.Frequency == ReportFrequency.Monthly ? "month" : "week")}, by {s.GroupBy}, as {s.Formats}" + (s.EmailTo.Length > 0 ? $", to {s.EmailTo}" : "");
}
