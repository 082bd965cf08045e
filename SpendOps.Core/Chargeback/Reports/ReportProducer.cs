using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Core.Jobs;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// Produces every due period of every enabled schedule: claims the period by inserting its run (the unique index on
/// schedule and period start lets one instance win), writes the files into the run, then e-mails them.
/// </summary>
internal sealed partial class ReportProducer(
    IDbContextFactory<SpendOpsDbContext> contexts, ReportMailer mailer, TimeProvider clock, IOptionsMonitor<JobsOptions> jobs, ILogger<ReportProducer> logger)
{
    /// <summary>Far longer than producing the files of a month takes.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(2);

    /// <summary>The runs this call produced (succeeded or failed); periods another instance claimed are not counted.</summary>
    public async Task<IReadOnlyList<ReportRun>> ProduceDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notBefore = now - TimeSpan.FromDays(jobs.CurrentValue.Reports.KeepDays);
        List<ReportSchedule> schedules;
        Dictionary<Guid, (string Name, string TimeZone)> tenants;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            schedules = await db.ReportSchedules.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
            tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.Name, t.TimeZone), cancellationToken);
        }
        var produced = new List<ReportRun>();
        foreach (var schedule in schedules)
        {
            var tenant = tenants[schedule.TenantId];
            var calendar = TenantCalendar.For(tenant.TimeZone);
            HashSet<DateTimeOffset> done;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                // A run still running long after it started belongs to an instance that stopped half-way (its files are
                // saved with the final status, so there are none): the period is given back and produced again.
                var abandoned = now - AbandonedAfter;
                await db.ReportRuns.Where(r => r.ScheduleId == schedule.Id && r.Status == ReportRunStatus.Running && r.CreatedAt < abandoned)
                    .ExecuteDeleteAsync(cancellationToken);
                done = (await db.ReportRuns.Where(r => r.ScheduleId == schedule.Id).Select(r => r.PeriodStart).ToListAsync(cancellationToken)).ToHashSet();
            }
            foreach (var period in ReportPeriods.Due(schedule, calendar, now, notBefore).Where(p => !done.Contains(p.From)))
            {
                if (await ProduceAsync(schedule, tenant.Name, calendar, period, cancellationToken) is { } run)
                    produced.Add(run);
            }
        }
        return produced;
    }

    /// <summary>
    /// Produces one period of a schedule now (enabled or not), as <see cref="ReportScheduleService.RunAsync"/> describes:
    /// a failed run or one abandoned half-way is replaced, a succeeded one only when <paramref name="replace"/> is set,
    /// one still running is left alone. The unique index still guards the period against a second instance.
    /// </summary>
    public async Task<ReportRunOutcome> ProduceOnDemandAsync(ReportSchedule schedule, ChargebackPeriod period, bool replace, CancellationToken cancellationToken)
    {
        (string Name, string TimeZone) tenant;
        ReportRunStatus? replaced = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.Tenants.AsNoTracking().Where(t => t.Id == schedule.TenantId).Select(t => new { t.Name, t.TimeZone }).SingleAsync(cancellationToken);
            tenant = (row.Name, row.TimeZone);
            var existing = await db.ReportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ScheduleId == schedule.Id && r.PeriodStart == period.From, cancellationToken);
            if (existing is not null)
            {
                if (existing.Status == ReportRunStatus.Succeeded && !replace)
                    return new ReportRunOutcome(null, null, existing);
                if (existing.Status == ReportRunStatus.Running && existing.CreatedAt >= clock.GetUtcNow() - AbandonedAfter)
                    throw new DomainException($"The report '{schedule.Name}' for {period.FirstDay:yyyy-MM-dd} to {period.LastDay:yyyy-MM-dd} is being produced now; try again when it has finished.");
                await db.ReportFiles.Where(f => f.RunId == existing.Id).ExecuteDeleteAsync(cancellationToken);
                await db.ReportRuns.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
                replaced = existing.Status;
            }
        }
        var run = await ProduceAsync(schedule, tenant.Name, TenantCalendar.For(tenant.TimeZone), period, cancellationToken)
            ?? throw new DomainException($"The report '{schedule.Name}' for {period.FirstDay:yyyy-MM-dd} to {period.LastDay:yyyy-MM-dd} is being produced by another instance.");
        return new ReportRunOutcome(run, replaced, null);
    }

    /// <summary>Deletes runs (with their files) whose period ended before the <c>Jobs:Reports:KeepDays</c> window.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var notBefore = clock.GetUtcNow() - TimeSpan.FromDays(jobs.CurrentValue.Reports.KeepDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await db.ReportRuns.Where(r => r.PeriodEnd < notBefore).Select(r => r.Id).ToListAsync(cancellationToken);
        if (expired.Count == 0)
            return 0;
        await db.ReportFiles.Where(f => expired.Contains(f.RunId)).ExecuteDeleteAsync(cancellationToken);
        return await db.ReportRuns.Where(r => expired.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<ReportRun?> ProduceAsync(ReportSchedule schedule, string tenantName, TenantCalendar calendar, ChargebackPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = new ReportRun
        {
            ScheduleId = schedule.Id, TenantId = schedule.TenantId, ScheduleName = schedule.Name, PeriodStart = period.From, PeriodEnd = period.To,
            FirstDay = period.FirstDay, EndDay = period.EndDay, Status = ReportRunStatus.Running, CreatedAt = clock.GetUtcNow(),
        };
        db.ReportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return null; // Another instance claimed this period first.
        }

        try
        {
            if (!ChargebackKey.TryParseList(schedule.GroupBy, out var keys, out var error))
                throw new DomainException($"The grouping '{schedule.GroupBy}' is not valid: {error}.");
            var report = await ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(schedule.TenantId), period, keys), calendar, cancellationToken);
            foreach (var format in schedule.FormatList)
            {
                var file = new ReportFile
                {
                    RunId = run.Id, Format = format, FileName = ReportFileWriter.FileName(schedule, period, format), ContentType = ReportFormats.ContentType(format),
                    Content = await ReportFileWriter.WriteAsync(db, report, format, run.CreatedAt, cancellationToken),
                };
                // Added to the set, not only to run.Files: found through the navigation with its key already set, EF would
                // take it for an existing row. Fix-up puts it in run.Files, which the e-mail attaches.
                db.ReportFiles.Add(file);
            }
            (run.TotalUsd, run.Status, run.CompletedAt) = (report.Total.CostUsd, ReportRunStatus.Succeeded, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            LogProduced(logger, schedule.Name, tenantName, period.FirstDay, run.Files.Count);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, schedule.Name, tenantName, period.FirstDay);
            db.ChangeTracker.Clear();
            await db.ReportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, ReportRunStatus.Failed).SetProperty(r => r.Error, Truncate(e.Message)).SetProperty(r => r.CompletedAt, clock.GetUtcNow()),
                cancellationToken);
            run.Status = ReportRunStatus.Failed;
            return run;
        }

        if (schedule.Recipients.Count > 0)
            await MailAsync(db, schedule, run, tenantName, cancellationToken);
        return run;
    }

    private async Task MailAsync(SpendOpsDbContext db, ReportSchedule schedule, ReportRun run, string tenantName, CancellationToken cancellationToken)
    {
        try
        {
            await mailer.SendAsync(schedule, run, tenantName, cancellationToken);
            run.EmailedAt = clock.GetUtcNow();
        }
        catch (AlertDeliveryException e)
        {
            LogMailFailed(logger, schedule.Name, tenantName, e.Message);
            run.EmailError = Truncate(e.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Schedule} of {Tenant} for the period from {FirstDay}: {Files} file(s)")]
    private static partial void LogProduced(ILogger logger, string schedule, string tenant, DateOnly firstDay, int files);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Schedule} of {Tenant} for the period from {FirstDay} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string schedule, string tenant, DateOnly firstDay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Schedule} of {Tenant} was not e-mailed: {Reason}")]
    private static partial void LogMailFailed(ILogger logger, string schedule, string tenant, string reason);
}
