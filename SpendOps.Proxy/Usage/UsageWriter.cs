using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Enforcement;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Drains the usage queue into the database in batches. A batch that cannot be written (database down) goes
/// to the spill file at once, so nothing waits in memory for an outage to end; while the database stays unavailable it
/// is tried again with a growing pause (<see cref="RetryBackoff"/>), batches meanwhile going straight to the spill
/// file, and the spill file is replayed once the database answers (and every <see cref="UsageOptions.RetryFirstSeconds"/>
/// while it is fine). When the spill folder is at its quota, the batch stays in memory and is retried
/// before anything else is taken from the queue (which then fills up). At shutdown the queue is closed and drained. Records are priced on the way in,
/// and each stored batch signals the budget evaluation (<see cref="BudgetEvaluationSignal"/>: debounced, never waited for).
/// Every record stored, spilled or set aside is settled in its <see cref="UsageJournal"/> segment; segments left by a
/// process that ended without settling them are replayed like spill files, skipping records already stored.
/// </summary>
internal sealed partial class UsageWriter(
    UsageSink sink,
    UsageJournal journal,
    UsageSpillFile spill,
    IDbContextFactory<SpendOpsDbContext> contexts,
    PriceCache prices,
    BudgetEvaluationSignal budgets,
    BudgetGate budgetGate,
    TimeProvider clock,
    UsageMetrics metrics,
    IOptions<UsageOptions> options,
    ILogger<UsageWriter> logger) : BackgroundService
{
    private static readonly TimeSpan ShutdownWriteTimeout = TimeSpan.FromSeconds(10);
    private readonly UsageOptions settings = options.Value;
    private readonly Dictionary<UsageRecord, JournalSegment> journaled = new(ReferenceEqualityComparer.Instance);
    // Tenants seen in this database; a tenant is never deleted, so once known it stays known.
    private readonly HashSet<Guid> knownTenants = [];
    private readonly RetryBackoff backoff = new(
        TimeSpan.FromSeconds(options.Value.RetryFirstSeconds),
        TimeSpan.FromSeconds(Math.Max(options.Value.RetryFirstSeconds, options.Value.RetryMaxSeconds)));

    /// <summary>
    /// Runs on a thread of its own: SQLite does its I/O synchronously even behind async APIs, and on a small machine a
    /// thread-pool thread held by a batch insert would leave the proxy's requests waiting for the pool to grow.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "SpendOps usage writer",
        };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var reader = sink.Reader;
        var batch = new List<UsageRecord>(Math.Max(settings.BatchSize, settings.BacklogBatchSize));
        var duty = new WriterDutyCycle(clock);
        IReadOnlyCollection<UsageRecord> held = [];
        var lookForSpills = TimeSpan.FromSeconds(settings.RetryFirstSeconds);
        var nextReplay = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (DateTime.UtcNow >= nextReplay && !backoff.IsWaiting(DateTime.UtcNow))
            {
                try
                {
                    CpuShare.ForThisThread(true);
                    ReplayAsync(journal, stoppingToken).GetAwaiter().GetResult();
                    ReplayAsync(spill, stoppingToken).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopping in the middle of a replay: its file stays claimed and is replayed at the next start, and the
                    // queue is still written (or spilled) below, not dropped with a failed writer.
                    break;
                }
                nextReplay = backoff.Failures > 0 ? backoff.NextAttempt : DateTime.UtcNow + lookForSpills;
            }
            if (held.Count > 0)
            {
                // Neither written nor spilled last time: retried first (once the backoff allows), and the queue waits (and fills) meanwhile.
                if (backoff.IsWaiting(DateTime.UtcNow))
                {
                    stoppingToken.WaitHandle.WaitOne(Until(backoff.NextAttempt));
                    continue;
                }
                var retried = held;
                CpuShare.ForThisThread(retried.Count <= settings.BatchSize);
                held = WriteOrSpillAsync(retried, CancellationToken.None).GetAwaiter().GetResult();
                Settle(retried, held);
                continue;
            }
            if (!WaitForRecords(reader, Until(nextReplay), stoppingToken))
                continue;
            var behind = reader.Count >= settings.BatchSize;
            if (!behind && settings.BatchDelayMilliseconds > 0)
                stoppingToken.WaitHandle.WaitOne(settings.BatchDelayMilliseconds);
            var batchSize = reader.Count > settings.BatchSize ? Math.Max(settings.BatchSize, settings.BacklogBatchSize) : settings.BatchSize;
            while (batch.Count < batchSize && sink.TryDequeue(out var queued))
                batch.Add(Track(queued));
            // The writer offers the CPU to waiting requests only while it has plenty to spare: not behind (a batch was
            // waiting already when it came back for more) and busy less than a quarter of its last cycle. Yielding on a
            // saturated core left it a share too small to catch up, and its queue filled and spilled; a batch slowed
            // down by its own yields turns them off for the next one.
            CpuShare.ForThisThread(!behind && duty.HasRoom);
            duty.BatchStarted();
            held = WriteOrSpillAsync(batch, CancellationToken.None).GetAwaiter().GetResult().ToList();
            Settle(batch, held);
            duty.BatchEnded();
            batch.Clear();
        }

        sink.Close();
        batch.AddRange(held);
        while (sink.TryDequeue(out var queued))
            batch.Add(Track(queued));
        using var timeout = new CancellationTokenSource(ShutdownWriteTimeout);
        var lost = 0;
        foreach (var chunk in batch.Chunk(settings.BatchSize))
        {
            var left = WriteOrSpillAsync(chunk, timeout.Token).GetAwaiter().GetResult();
            Settle(chunk, left);
            lost += KeepInJournal(left);
        }
        if (lost > 0)
        {
            metrics.OnLost(lost);
            LogLostAtShutdown(logger, lost);
        }
    }

    private UsageRecord Track(QueuedRecord queued)
    {
        if (queued.Segment is not null)
            journaled[queued.Record] = queued.Segment;
        return queued.Record;
    }

    /// <summary>Settles in the journal the records of the batch that were stored, spilled or set aside (all but <paramref name="left"/>).</summary>
    private void Settle(IReadOnlyCollection<UsageRecord> batch, IReadOnlyCollection<UsageRecord> left)
    {
        if (journaled.Count == 0)
            return;
        var kept = left.Count == 0 ? null : left.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var record in batch)
        {
            CpuShare.Offer();
            if (kept?.Contains(record) != true && journaled.Remove(record, out var segment))
                journal.Settle(segment, 1);
        }
    }

    /// <summary>At shutdown, records neither written nor spilled are left to the journal's replay; returns how many had no journal copy (lost).</summary>
    private int KeepInJournal(IReadOnlyCollection<UsageRecord> left)
    {
        var lost = 0;
        foreach (var record in left)
        {
            if (journaled.Remove(record, out var segment))
            {
                journal.KeepForReplay(segment);
                journal.Settle(segment, 1);
            }
            else
            {
                lost++;
            }
        }
        return lost;
    }

    /// <summary>Blocks until records are queued (true) or the wait is over: time for a spill replay, or shutdown (false).</summary>
    private static bool WaitForRecords(System.Threading.Channels.ChannelReader<QueuedRecord> reader, TimeSpan wait, CancellationToken stoppingToken)
    {
        if (reader.Count > 0)
            return true;
        if (wait <= TimeSpan.Zero)
            return false;
        using var until = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        until.CancelAfter(wait);
        try
        {
            return reader.WaitToReadAsync(until.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Writes the batch, or spills what could not be written; returns what could be neither (spill folder at its quota).</summary>
    private async Task<IReadOnlyCollection<UsageRecord>> WriteOrSpillAsync(IReadOnlyCollection<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return [];
        // While the database is known to be down, batches go straight to disk until the next attempt is due.
        var unwritten = backoff.IsWaiting(DateTime.UtcNow) ? batch : await InsertOrRejectAsync(batch, cancellationToken);
        if (unwritten.Count == 0)
            return [];
        if (!spill.Append(unwritten))
            return unwritten;
        metrics.OnSpilled(unwritten.Count);
        return [];
    }

    /// <summary>
    /// Inserts the batch. Records of a tenant this database does not have are set aside first (the writer checks, so
    /// that PostgreSQL is spared a foreign-key lookup per row). When the database refuses the batch because of a row's
    /// data, the rows are tried one by one and the refused ones are set aside (a rejected file, never retried), so one
    /// bad row cannot hold back the others. Returns the records not written because the database is unavailable, to be
    /// spilled and replayed.
    /// </summary>
    private async Task<IReadOnlyCollection<UsageRecord>> InsertOrRejectAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        var batch = records;
        try
        {
            batch = await SetAsideUnknownTenantsAsync(records, cancellationToken);
            if (batch.Count > 0)
                await InsertAsync(batch, cancellationToken);
            Reachable();
            return [];
        }
        catch (Exception ex) when (DatabaseErrors.IsDataError(ex))
        {
            Reachable();
            LogBatchRefused(logger, ex, batch.Count);
        }
        catch (Exception ex)
        {
            Unavailable(ex);
            return batch;
        }

        var remaining = new List<UsageRecord>(batch);
        while (remaining.Count > 0)
        {
            var record = remaining[0];
            try
            {
                await InsertAsync([record], cancellationToken);
            }
            catch (Exception ex) when (DatabaseErrors.IsDataError(ex))
            {
                // Stored already (replayed from the journal or a spill file first) is not an error: never a second row.
                if (!DatabaseErrors.IsUniqueViolation(ex) || !await IsStoredAsync(record, cancellationToken))
                {
                    spill.Reject(record, ex.GetBaseException().Message);
                    metrics.OnRejected();
                    LogRecordRejected(logger, ex, record.RequestId);
                }
                // Stored or set aside, it is no longer this instance's to hold against its budgets.
                budgetGate.OnWritten([record]);
            }
            catch (Exception ex)
            {
                Unavailable(ex);
                return remaining;
            }
            remaining.RemoveAt(0);
        }
        return [];
    }

    private void Unavailable(Exception exception)
    {
        metrics.OnFailed();
        var wait = backoff.Failed(DateTime.UtcNow);
        LogUnavailable(logger, exception, backoff.Failures, wait.TotalSeconds);
    }

    private void Reachable()
    {
        if (backoff.Failures == 0)
            return;
        var since = backoff.FailingSince;
        var failures = backoff.Succeeded();
        LogDatabaseBack(logger, failures, (DateTime.UtcNow - since).TotalSeconds);
    }

    private static TimeSpan Until(DateTime time)
    {
        var wait = time - DateTime.UtcNow;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Whether the record is stored already; false when that cannot be told (the record is then set aside, never doubled).</summary>
    private async Task<bool> IsStoredAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.UsageRecords.AnyAsync(r => r.RequestId == record.RequestId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Unavailable(ex);
            return false;
        }
    }

    private async Task InsertAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        await PriceAsync(records, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        CpuShare.Offer();
        await SupersessionRules.LeaveUnpairableOutOfIndexAsync(db, records, cancellationToken);
        CpuShare.Offer();
        // Records stored before (a replay; PostgreSQL skips them instead of failing the batch) are not counted again.
        var written = await UsageBulkInserter.InsertAsync(db, records, cancellationToken);
        metrics.OnWritten(written.Count);
        // Every record of the batch is stored now (those stored before too): the budgets' spend counts them. Told at
        // once, not after the supersession below, which on SQLite waits for a budget grant's write lock.
        budgetGate.OnWritten(records);
        CpuShare.Offer();
        // A Claude Code telemetry estimate of the same call may already be stored: the measured record wins.
        await SupersessionRules.ApplyForProxyRecordsAsync(db, written, cancellationToken);
        CpuShare.Offer();
        budgets.Notify();
    }

    /// <summary>
    /// Prices records as they are written (the same rules and price-in-force-at-call-time as the pricing job), which
    /// saves updating every row a second time. Records it cannot price stay pending or unpriced for the job.
    /// </summary>
    private async Task PriceAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        PriceResolver table;
        try
        {
            table = await prices.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPricesUnavailable(logger, ex);
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var record in records)
        {
            CpuShare.Offer();
            if (record.PricingStatus == PricingStatus.Pending)
                RecordPricer.Apply(record, table, now);
        }
    }

    /// <summary>
    /// Writes spilled or journaled records that are not stored yet; a file is deleted only once all its records are in
    /// the database (or set aside). A file written for another database is moved aside whole, and records of a tenant
    /// this database does not have are set aside in the rejected file: replaying them here would make usage rows nobody owns.
    /// </summary>
    private async Task ReplayAsync(IUsageReplaySource source, CancellationToken cancellationToken)
    {
        foreach (var path in source.Claim())
        {
            try
            {
                var owner = UsageSpillFile.DatabaseOf(path);
                if (owner is not null && owner != spill.Database)
                {
                    var moved = source.SetAsideForeign(path);
                    LogForeignFile(logger, Path.GetFileName(path), owner, spill.Database, moved);
                    continue;
                }
                var unknownTenant = 0;
                foreach (var chunk in UsageSpillFile.Read(path).Chunk(settings.BatchSize))
                {
                    var known = await SetAsideUnknownTenantsAsync(chunk, cancellationToken);
                    unknownTenant += chunk.Length - known.Count;
                    if (known.Count > 0 && (await InsertMissingAsync(known, cancellationToken)).Count > 0)
                        return; // The database is unavailable; the file stays and is replayed later.
                }
                source.Release(path);
                if (unknownTenant > 0)
                    LogUnknownTenants(logger, Path.GetFileName(path), unknownTenant);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A file that cannot be read is no reason to leave the database alone for a while.
                if (DatabaseErrors.IsDataError(ex) || ex is IOException or System.Text.Json.JsonException)
                    LogReplayFailed(logger, ex, Path.GetFileName(path));
                else
                    Unavailable(ex);
                return;
            }
        }
    }

    /// <summary>Returns the records whose tenant exists here; the others go to the rejected file. Asks the database only about tenants not seen before.</summary>
    private async Task<IReadOnlyCollection<UsageRecord>> SetAsideUnknownTenantsAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        if (records.All(r => knownTenants.Contains(r.TenantId)))
            return records;
        var ids = records.Select(r => r.TenantId).Where(id => !knownTenants.Contains(id)).Distinct().ToList();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            knownTenants.UnionWith(await db.Tenants.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken));
        }
        var unknown = records.Where(r => !knownTenants.Contains(r.TenantId)).ToList();
        if (unknown.Count == 0)
            return records;
        spill.Reject(unknown, "tenant does not exist in this database");
        budgetGate.OnWritten(unknown);
        foreach (var _ in unknown)
            metrics.OnRejected();
        return records.Where(r => knownTenants.Contains(r.TenantId)).ToList();
    }

    /// <summary>A batch may have reached the database before its failure was reported; skip what is already there.</summary>
    private async Task<IReadOnlyCollection<UsageRecord>> InsertMissingAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.RequestId).ToList();
        HashSet<string> existing;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            existing = (await db.UsageRecords.Where(r => ids.Contains(r.RequestId)).Select(r => r.RequestId).ToListAsync(cancellationToken)).ToHashSet();
        }
        budgetGate.OnWritten(records.Where(r => existing.Contains(r.RequestId)));
        var missing = records.Where(r => !existing.Contains(r.RequestId)).DistinctBy(r => r.RequestId).ToList();
        return missing.Count == 0 ? [] : await InsertOrRejectAsync(missing, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing usage records failed: the database is unavailable ({Failures} failed attempts in a row). Records are spilled to disk (or kept in memory while the spill folder is at its quota); the database is tried again in {RetrySeconds:0.0#} s")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, int failures, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is reachable again after {Failures} failed attempts over {Seconds:0} s; usage writes resumed and spilled records are being replayed")]
    private static partial void LogDatabaseBack(ILogger logger, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a batch of {Count} usage records because of their data; writing them one by one")]
    private static partial void LogBatchRefused(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage record {RequestId} was refused by the database and set aside in the rejected file")]
    private static partial void LogRecordRejected(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prices could not be loaded; records are written pending and priced by the pricing job")]
    private static partial void LogPricesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} usage records could be neither written nor spilled at shutdown (spill folder at its quota) and are lost")]
    private static partial void LogLostAtShutdown(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spilled usage file {File} belongs to another database ({Owner}; this one is {Database}): not replayed, moved to {MovedTo}. Replay it by moving it into the spill folder of an instance using that database")]
    private static partial void LogForeignFile(ILogger logger, string file, string owner, string database, string movedTo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spilled usage file {File}: {Count} of its records belong to tenants that do not exist in this database; not replayed, set aside in the rejected file")]
    private static partial void LogUnknownTenants(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying spilled usage file {File} failed; will retry")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string file);
}
