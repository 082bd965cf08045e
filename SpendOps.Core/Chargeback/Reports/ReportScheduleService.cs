using Microsoft.EntityFrameworkCore;
using MimeKit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>Creates, lists and deletes report schedules and reads their runs, for the CLI and the portal.</summary>
public sealed class ReportScheduleService(SpendOpsDbContext db, TimeProvider clock)
{
    public const int MaxRuns = 200;

    public async Task<ReportSchedule> CreateAsync(ReportScheduleRequest request, string actor, CancellationToken cancellationToken)
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
        if (await db.ReportSchedules.AnyAsync(s => s.TenantId == request.TenantId && s.Name == name, cancellationToken))
            throw new DomainException($"The tenant already has a report named '{name}'.");

        var schedule = new ReportSchedule
        {
            TenantId = request.TenantId, Name = name, Frequency = request.Frequency, GroupBy = string.Join(',', keys), Formats = string.Join(',', formats),
            EmailTo = string.Join(',', emails), CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        db.ReportSchedules.Add(schedule);
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    public Task<List<ReportSchedule>> ListAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        db.ReportSchedules.AsNoTracking().Where(s => tenantId == null || s.TenantId == tenantId).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Deletes the schedule with its runs and their files; false when there is none with that id (in that tenant).</summary>
    public async Task<bool> DeleteAsync(Guid id, Guid? tenantId, CancellationToken cancellationToken)
    {
        var schedule = await db.ReportSchedules.FirstOrDefaultAsync(s => s.Id == id && (tenantId == null || s.TenantId == tenantId), cancellationToken);
        if (schedule is null)
            return false;
        await db.ReportFiles.Where(f => db.ReportRuns.Any(r => r.Id == f.RunId && r.ScheduleId == id)).ExecuteDeleteAsync(cancellationToken);
        await db.ReportRuns.Where(r => r.ScheduleId == id).ExecuteDeleteAsync(cancellationToken);
        db.ReportSchedules.Remove(schedule);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The newest runs first, with their files' names and sizes but not their content.</summary>
    public async Task<List<ReportRunSummary>> RunsAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var runs = await db.ReportRuns.AsNoTracking().Where(r => tenantId == null || r.TenantId == tenantId)
            .OrderByDescending(r => r.PeriodStart).ThenBy(r => r.ScheduleName).Take(MaxRuns).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var files = await db.ReportFiles.AsNoTracking().Where(f => ids.Contains(f.RunId))
            .Select(f => new ReportFileSummary(f.Id, f.RunId, f.Format, f.FileName, f.Content.Length)).ToListAsync(cancellationToken);
        return runs.Select(r => new ReportRunSummary(r, files.Where(f => f.RunId == r.Id).OrderBy(f => f.Format).ToList())).ToList();
    }

    /// <summary>A stored file, or null when there is none with that id (in that tenant, when one is given).</summary>
    public Task<ReportFile?> FileAsync(Guid runId, string? format, Guid? tenantId, CancellationToken cancellationToken) =>
        db.ReportFiles.AsNoTracking()
            .Where(f => f.RunId == runId && (format == null || f.Format == format))
            .Where(f => db.ReportRuns.Any(r => r.Id == f.RunId && (tenantId == null || r.TenantId == tenantId)))
            .OrderBy(f => f.Format)
            .FirstOrDefaultAsync(cancellationToken);
}
