using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Telemetry;

/// <summary>
/// The supersession rules look records up by upstream request id and by Claude Code's session and install ids on every
/// stored batch. Those indexes are partial (only what can be looked up is indexed, to spare the writer), and SQLite uses
/// a partial index only when the query states its filter: each lookup must go through its index, not scan the usage
/// tables. The plans are SQLite's own (<c>EXPLAIN QUERY PLAN</c> of the statements EF sends).
/// </summary>
public sealed class SupersessionIndexTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private readonly PlanRecorder plans = new();
    private readonly Guid tenantId = Guid.NewGuid();
    private readonly Guid connectionId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "plans" });
        db.TelemetryConnections.Add(new TelemetryConnection { Id = connectionId, TenantId = tenantId, Name = "claude code" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task TelemetryEvent_FindsTheProxyRecordOfItsRequestId_ThroughTheUpstreamIdIndex()
    {
        await using var db = CreateContext();
        await SupersessionRules.ProxiedRequestIdsAsync(db, tenantId, ["req_1", "req_2"], CancellationToken.None);

        AssertUsageReadsUse("IX_UsageRecords_TenantId_UpstreamRequestId");
    }

    [Fact]
    public async Task ProxyRecord_FindsTelemetryOfItsRequestId_ThroughTheUpstreamIdIndex()
    {
        await using var db = CreateContext();
        var proxied = new UsageRecord
        {
            RequestId = "req_proxy", UpstreamRequestId = "req_1", TenantId = tenantId, Source = UsageSource.Proxy,
            Provider = "anthropic", Endpoint = "/v1/messages",
        };
        await SupersessionRules.ApplyForProxyRecordsAsync(db, [proxied], CancellationToken.None);

        AssertUsageReadsUse("IX_UsageRecords_TenantId_UpstreamRequestId");
    }

    [Fact]
    public async Task MetricRecords_OfASession_AreFoundThroughTheSessionIdIndex()
    {
        await using var db = CreateContext();
        await SupersessionRules.SessionsWithEventsAsync(db, connectionId, "ingest-key", ["session-1"], CancellationToken.None);
        await SupersessionRules.SupersedeSessionMetricsAsync(db, connectionId, "ingest-key", new SenderSession("session-1", null), CancellationToken.None);

        AssertUsageReadsUse("IX_UsageDimensions_SessionId");
    }

    [Fact]
    public async Task MetricRecords_OfAnInstall_AreFoundThroughTheInstallIdIndex()
    {
        await using var db = CreateContext();
        await SupersessionRules.SupersedeInstallMetricsAsync(db, connectionId, "ingest-key", "install-1", DateTimeOffset.UnixEpoch, CancellationToken.None);

        AssertUsageReadsUse("IX_UsageDimensions_InstallId");
    }

    /// <summary>No plan step scans a table (the id lists EF sends as JSON are read with <c>json_each</c>), and one searches <paramref name="index"/>.</summary>
    private void AssertUsageReadsUse(string index)
    {
        var all = string.Join(" | ", plans.Steps);
        Assert.True(plans.Steps.Count > 0, "no usage read was planned");
        Assert.DoesNotContain(plans.Steps, s => s.StartsWith("SCAN", StringComparison.Ordinal) && !s.Contains("json_each", StringComparison.Ordinal));
        Assert.True(plans.Steps.Any(s => s.Contains($"INDEX {index} ", StringComparison.Ordinal)), $"plan: {all}");
    }

    private SqliteSpendOpsDbContext CreateContext() => new(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>()
        .UseSqlite(database.ConnectionString).AddInterceptors(plans).Options);

    /// <summary>Asks SQLite for the plan of each query EF is about to run, with the same parameters.</summary>
    private sealed class PlanRecorder : DbCommandInterceptor
    {
        public List<string> Steps { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Explain(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Explain(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Explain(command);
            return ValueTask.FromResult(result);
        }

        private void Explain(DbCommand command)
        {
            if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                || !command.CommandText.Contains("\"Usage", StringComparison.Ordinal))
                return;
            Steps.AddRange(SqlitePlan.Of(command));
        }
    }
}
