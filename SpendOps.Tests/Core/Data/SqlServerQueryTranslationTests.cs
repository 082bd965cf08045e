using System.Collections;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Data;

/// <summary>
/// Every query of the dashboard, explorer, pricing, telemetry and admin pages goes through SQL Server's translator,
/// without a server: commands are answered by a stand-in (no rows, or one row of zeros for an aggregate). A query EF
/// cannot translate for SQL Server fails here; what the server then does with the SQL is for <see cref="SqlServerTests"/>.
/// </summary>
public sealed class SqlServerQueryTranslationTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly UsageFilter Filter = new()
    {
        Scope = TenantScope.Of(Tenant),
        From = DateTimeOffset.Parse("2026-08-01T00:00:00Z", CultureInfo.InvariantCulture),
        To = DateTimeOffset.Parse("2026-08-03T00:00:00Z", CultureInfo.InvariantCulture),
    };
    private static readonly UsageFilter EveryFilter = Filter with
    {
        ApiKeyId = "k1", Provider = "anthropic", Model = "claude-sonnet-4-5", StatusClass = 4, Source = UsageSource.Telemetry,
        Estimated = true, PricingStatus = PricingStatus.Priced, UsageComplete = true, Unpriced = false,
        Dims = new Dictionary<string, string> { ["team"] = "backend", ["env"] = "prod" },
    };

    public static TheoryData<UsageGroupingKind> Groupings => new(Enum.GetValues<UsageGroupingKind>());

    public static TheoryData<UsageSort> Sorts => new(Enum.GetValues<UsageSort>());

    [Theory]
    [MemberData(nameof(Groupings))]
    public Task Summary_EveryGrouping_Translates(UsageGroupingKind kind) => AssertTranslatesAsync(db =>
        UsageQueries.SummarizeAsync(db, EveryFilter, new UsageGrouping(kind, kind == UsageGroupingKind.Dimension ? "team" : null), CancellationToken.None));

    [Theory]
    [MemberData(nameof(Sorts))]
    public Task UsagePage_EverySort_Translates(UsageSort sort) => AssertTranslatesAsync(async db =>
    {
        await UsagePageQuery.GetAsync(db, EveryFilter, sort, descending: true, 10, 25, CancellationToken.None);
        await UsagePageQuery.GetAsync(db, Filter, sort, descending: false, 0, 25, CancellationToken.None);
    });

    [Fact]
    public Task Dashboard_Queries_Translate() => AssertTranslatesAsync(async db =>
    {
        var calendar = TenantCalendar.For("America/New_York");
        await SpendToDateQuery.GetAsync(db, Tenant, calendar, TimeProvider.System, CancellationToken.None);
        await SpendToDateQuery.CostAsync(db, Filter, CancellationToken.None);
        await SpendOverTime.GetAsync(db, Filter, calendar, SpendBucketSize.Day, SpendSplit.Provider, 5, CancellationToken.None);
        await SpendOverTime.GetAsync(db, Filter, calendar, SpendBucketSize.Hour, SpendSplit.Model, 3, pageSize: 2, CancellationToken.None);
        await TopSpendQuery.GetAsync(db, Filter, new UsageGrouping(UsageGroupingKind.Dimension, "team"), 2, CancellationToken.None);
        await CacheHitRateQuery.ByDimensionAsync(db, Filter, "user", CancellationToken.None);
        await UsageAttentionQuery.CountAsync(db, Filter, CancellationToken.None);
        await UsageDimensionNamesQuery.GetAsync(db, Filter, CancellationToken.None);
        await UsageRecordLookup.FindAsync(db, Tenant, "req-1", CancellationToken.None);
        await TenantCalendar.ForTenantAsync(db, Tenant, CancellationToken.None);
    });

    [Fact]
    public Task PricingAndTelemetry_Queries_Translate() => AssertTranslatesAsync(async db =>
    {
        await PriceResolver.LoadAsync(db, CancellationToken.None);
        await UnpricedModelsQuery.RunAsync(db, TenantScope.Of(Tenant), CancellationToken.None);
        await UnpricedModelsQuery.RunAsync(db, TenantScope.AllTenants, CancellationToken.None);
        await CatalogChecksQuery.RunAsync(db, DateTimeOffset.UtcNow, CancellationToken.None);
        var proxied = new UsageRecord { Id = 1, RequestId = "r", TenantId = Tenant, UpstreamRequestId = "u", Provider = "anthropic", Endpoint = "messages" };
        await SupersessionRules.ApplyForProxyRecordsAsync(db, [proxied], CancellationToken.None);
        await SupersessionRules.SessionsWithEventsAsync(db, Guid.NewGuid(), "k1", ["s1", "s2"], CancellationToken.None);
        await SupersessionRules.FirstEventTimeByInstallAsync(db, Guid.NewGuid(), "k1", ["i1"], CancellationToken.None);
        await SupersessionRules.SupersedeSessionMetricsAsync(db, Guid.NewGuid(), "k1", new SenderSession("s1", "i1"), CancellationToken.None);
        await SupersessionRules.SupersedeSessionMetricsAsync(db, Guid.NewGuid(), "k1", new SenderSession("s1", null), CancellationToken.None);
        await SupersessionRules.SupersedeInstallMetricsAsync(db, Guid.NewGuid(), "k1", "i1", DateTimeOffset.UtcNow, CancellationToken.None);
        await TelemetryBatchQueries.PageAsync(db, Tenant, Guid.NewGuid(), 0, 25, CancellationToken.None);
        await TelemetryRetention.PurgeAsync(db, DateTimeOffset.UtcNow, new TelemetryIngestOptions(), CancellationToken.None);
    });

    [Fact]
    public Task Admin_Queries_Translate() => AssertTranslatesAsync(async db =>
    {
        await ApiKeyQueries.ListAsync(db, Tenant, CancellationToken.None);
        await AuditQueries.PageAsync(db, new AuditFilter(Tenant) { Action = "key.created", From = DateTimeOffset.UtcNow.AddHours(-1) }, 0, 25, CancellationToken.None);
        await AuditQueries.ActionsAsync(db, Tenant, CancellationToken.None);
    });

    private static async Task AssertTranslatesAsync(Func<SpendOpsDbContext, Task> queries)
    {
        var server = new StandInServer();
        var options = new DbContextOptionsBuilder<SqlServerSpendOpsDbContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=none;User Id=none;Password=none;TrustServerCertificate=true", SqlServerSpendOpsDbContext.Configure)
            .AddInterceptors(server, new NoConnection())
            .Options;
        await using var db = new SqlServerSpendOpsDbContext(options);

        await queries(db);

        Assert.NotEmpty(server.Commands);
        Assert.All(server.Commands, sql => Assert.DoesNotContain("\"", sql, StringComparison.Ordinal));
    }

    /// <summary>Answers every command: one row of zeros for a scalar aggregate (COUNT, SUM, EXISTS, ...), no rows otherwise.</summary>
    private sealed class StandInServer : DbCommandInterceptor
    {
        private static readonly string[] ScalarStarts = ["SELECT COUNT(", "SELECT COUNT_BIG(", "SELECT COALESCE(SUM(", "SELECT SUM(", "SELECT MAX(", "SELECT MIN(", "SELECT CASE\n    WHEN EXISTS", "SELECT CASE WHEN EXISTS"];

        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ReaderExecuting(command, eventData, result));

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Add(command.CommandText);
            var scalar = ScalarStarts.Any(s => command.CommandText.TrimStart().StartsWith(s, StringComparison.OrdinalIgnoreCase));
            return InterceptionResult<DbDataReader>.SuppressWithResult(new ZeroRowsReader(scalar ? 1 : 0));
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }
    }

    private sealed class NoConnection : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();
    }

    /// <summary>A result of <paramref name="rows"/> rows in which every column is zero (false, empty Guid, ...).</summary>
    private sealed class ZeroRowsReader(int rows) : DbDataReader
    {
        private int read;

        public override int FieldCount => 64;
        public override int RecordsAffected => 0;
        public override bool HasRows => rows > 0;
        public override bool IsClosed => false;
        public override int Depth => 0;
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => 0;

        public override bool Read() => read++ < rows;
        public override bool NextResult() => false;
        public override bool IsDBNull(int ordinal) => false;

        public override T GetFieldValue<T>(int ordinal)
        {
            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            return type.IsPrimitive || type == typeof(decimal) ? (T)Convert.ChangeType(0, type, CultureInfo.InvariantCulture) : default!;
        }

        public override object GetValue(int ordinal) => 0;
        public override bool GetBoolean(int ordinal) => false;
        public override byte GetByte(int ordinal) => 0;
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;
        public override char GetChar(int ordinal) => '\0';
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;
        public override string GetDataTypeName(int ordinal) => "int";
        public override DateTime GetDateTime(int ordinal) => default;
        public override decimal GetDecimal(int ordinal) => 0;
        public override double GetDouble(int ordinal) => 0;
        public override Type GetFieldType(int ordinal) => typeof(int);
        public override float GetFloat(int ordinal) => 0;
        public override Guid GetGuid(int ordinal) => Guid.Empty;
        public override short GetInt16(int ordinal) => 0;
        public override int GetInt32(int ordinal) => 0;
        public override long GetInt64(int ordinal) => 0;
        public override string GetName(int ordinal) => "c" + ordinal.ToString(CultureInfo.InvariantCulture);
        public override int GetOrdinal(string name) => 0;
        public override string GetString(int ordinal) => "";
        public override int GetValues(object[] values) => 0;
        public override IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();
    }
}
