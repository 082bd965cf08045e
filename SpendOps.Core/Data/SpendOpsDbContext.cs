using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SpendOps.Core.Alerts;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;
using SpendOps.Core.RateLimits;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Data;

/// <summary>
/// The one EF Core model. Each database engine has a derived context only so that it can keep its own
/// migrations (<see cref="SqliteSpendOpsDbContext"/>, <see cref="PostgresSpendOpsDbContext"/>,
/// <see cref="SqlServerSpendOpsDbContext"/>); code uses this type.
/// </summary>
/// <remarks>
/// Add a migration for every engine:
/// <code>
/// dotnet ef migrations add NAME --project SpendOps.Core --startup-project SpendOps.Web --context SqliteSpendOpsDbContext --output-dir Data/Migrations/Sqlite
/// dotnet ef migrations add NAME --project SpendOps.Core --startup-project SpendOps.Web --context PostgresSpendOpsDbContext --output-dir Data/Migrations/Postgres
/// dotnet ef migrations add NAME --project SpendOps.Core --startup-project SpendOps.Web --context SqlServerSpendOpsDbContext --output-dir Data/Migrations/SqlServer
/// </code>
/// </remarks>
public abstract class SpendOpsDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantDimension> TenantDimensions => Set<TenantDimension>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<UsageRecord> UsageRecords => Set<UsageRecord>();
    public DbSet<UsageDimension> UsageDimensions => Set<UsageDimension>();
    public DbSet<UsageHourlyRollup> UsageHourlyRollups => Set<UsageHourlyRollup>();
    public DbSet<UsageDailyRollup> UsageDailyRollups => Set<UsageDailyRollup>();
    public DbSet<UsageDimensionRollup> UsageDimensionRollups => Set<UsageDimensionRollup>();
    public DbSet<UsageDailyDimensionRollup> UsageDailyDimensionRollups => Set<UsageDailyDimensionRollup>();
    public DbSet<RollupDirtyHour> RollupDirtyHours => Set<RollupDirtyHour>();
    public DbSet<RollupRetainedHour> RollupRetainedHours => Set<RollupRetainedHour>();
    public DbSet<RollupState> RollupStates => Set<RollupState>();

    /// <summary>
    /// Set once a query of this context has read that the rollups, daily ones included, are complete
    /// (<see cref="RollupSplit"/>): that state never goes back, so a unit of work that sums hundreds of totals (the
    /// budget evaluation) reads it once rather than once per total.
    /// </summary>
    internal bool RollupsSeenComplete { get; set; }

    /// <summary>
    /// A new context of the same kind over the same database, for a read that runs beside this context's (a context runs
    /// one command at a time). The caller disposes it.
    /// </summary>
    internal SpendOpsDbContext CreateSibling() =>
        (SpendOpsDbContext)Activator.CreateInstance(GetType(), this.GetService<IDbContextOptions>())!;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ModelPrice> ModelPrices => Set<ModelPrice>();
    public DbSet<PriceDiscount> PriceDiscounts => Set<PriceDiscount>();
    public DbSet<PriceCorrection> PriceCorrections => Set<PriceCorrection>();
    public DbSet<UsageCostAdjustment> UsageCostAdjustments => Set<UsageCostAdjustment>();
    public DbSet<TelemetryConnection> TelemetryConnections => Set<TelemetryConnection>();
    public DbSet<IngestKey> IngestKeys => Set<IngestKey>();
    public DbSet<KeyStoreState> KeyStoreStates => Set<KeyStoreState>();
    public DbSet<TelemetryBatch> TelemetryBatches => Set<TelemetryBatch>();
    public DbSet<TelemetrySeriesState> TelemetrySeriesStates => Set<TelemetrySeriesState>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetLease> BudgetLeases => Set<BudgetLease>();
    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();
    public DbSet<ReportSchedule> ReportSchedules => Set<ReportSchedule>();
    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();
    public DbSet<ReportFile> ReportFiles => Set<ReportFile>();

    /// <summary>The keys that sign sign-in cookies and antiforgery tokens, shared by every instance (encrypted at rest).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RollupMarks.AddForChangedUsage(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RollupMarks.AddForChangedUsage(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ApplyEntityConfigurations(builder);
    }

    /// <summary>
    /// Every entity's configuration, named one by one, in the order of their full names (a test checks the list against
    /// the assembly). Scanning the assembly for them loaded every type in it into every instance on every start, and
    /// with their constructors the XLSX and PostgreSQL libraries too, whatever the database.
    /// </summary>
    internal static void ApplyEntityConfigurations(ModelBuilder builder)
    {
        builder.ApplyConfiguration(new AlertDeliveryConfiguration());
        builder.ApplyConfiguration(new AlertEventConfiguration());
        builder.ApplyConfiguration(new AuditEntryConfiguration());
        builder.ApplyConfiguration(new BudgetConfiguration());
        builder.ApplyConfiguration(new BudgetLeaseConfiguration());
        builder.ApplyConfiguration(new ReportFileConfiguration());
        builder.ApplyConfiguration(new ReportRunConfiguration());
        builder.ApplyConfiguration(new ReportScheduleConfiguration());
        builder.ApplyConfiguration(new ApiKeyConfiguration());
        builder.ApplyConfiguration(new IngestKeyConfiguration());
        builder.ApplyConfiguration(new KeyStoreStateConfiguration());
        builder.ApplyConfiguration(new PriceCorrectionConfiguration());
        builder.ApplyConfiguration(new ModelPriceConfiguration());
        builder.ApplyConfiguration(new PriceDiscountConfiguration());
        builder.ApplyConfiguration(new UsageCostAdjustmentConfiguration());
        builder.ApplyConfiguration(new RateLimitCounterConfiguration());
        builder.ApplyConfiguration(new TelemetryBatchConfiguration());
        builder.ApplyConfiguration(new TelemetryConnectionConfiguration());
        builder.ApplyConfiguration(new TelemetrySeriesStateConfiguration());
        builder.ApplyConfiguration(new TenantConfiguration());
        builder.ApplyConfiguration(new TenantDimensionConfiguration());
        builder.ApplyConfiguration(new RollupDirtyHourConfiguration());
        builder.ApplyConfiguration(new RollupRetainedHourConfiguration());
        builder.ApplyConfiguration(new RollupStateConfiguration());
        builder.ApplyConfiguration(new UsageDailyDimensionRollupConfiguration());
        builder.ApplyConfiguration(new UsageDailyRollupConfiguration());
        builder.ApplyConfiguration(new UsageDimensionRollupConfiguration());
        builder.ApplyConfiguration(new UsageHourlyRollupConfiguration());
        builder.ApplyConfiguration(new UsageDimensionConfiguration());
        builder.ApplyConfiguration(new UsageRecordConfiguration());
    }
}
