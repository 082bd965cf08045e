using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>The usage queries on SQL Server; run only where <c>SPENDOPS_TEST_SQLSERVER</c> names a server.</summary>
[Trait("Database", "SqlServer")]
public sealed class SqlServerUsageQueryTests(SqlServerUsageDatabaseFixture fixture) : UsageQueryScenarios(fixture), IClassFixture<SqlServerUsageDatabaseFixture>
{
    [RequiresSqlServerFact]
    public Task SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDays() => SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDaysAsync();

    [RequiresSqlServerFact]
    public Task SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDays() => SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDaysAsync();

    [RequiresSqlServerFact]
    public Task SpendOverTime_HourBucketsOnFallBackDay_Has25Buckets() => SpendOverTime_HourBucketsOnFallBackDay_Has25BucketsAsync();

    [RequiresSqlServerFact]
    public Task SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOther() => SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOtherAsync();

    [RequiresSqlServerFact]
    public Task SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnce() => SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnceAsync();

    [RequiresSqlServerFact]
    public Task TopSpend_ByTeam_FoldsTheRestAndKeepsTotals() => TopSpend_ByTeam_FoldsTheRestAndKeepsTotalsAsync();

    [RequiresSqlServerFact]
    public Task CacheHitRate_PerUser_IsCacheReadsOverPromptTokens() => CacheHitRate_PerUser_IsCacheReadsOverPromptTokensAsync();

    [RequiresSqlServerFact]
    public Task UsageAttention_InPeriod_CountsUnpricedPendingAndIncomplete() => UsageAttention_InPeriod_CountsUnpricedPendingAndIncompleteAsync();

    [RequiresSqlServerFact]
    public Task UsagePage_AllPages_ReturnEveryRecordOnceInOrder() => UsagePage_AllPages_ReturnEveryRecordOnceInOrderAsync();

    [RequiresSqlServerFact]
    public Task UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecord() => UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecordAsync();

    [RequiresSqlServerFact]
    public Task UsageRecordLookup_OtherTenantsRecord_IsNotFound() => UsageRecordLookup_OtherTenantsRecord_IsNotFoundAsync();

    [RequiresSqlServerFact]
    public Task DimensionNames_InPeriod_AreDistinctAndSorted() => DimensionNames_InPeriod_AreDistinctAndSortedAsync();

    [RequiresSqlServerFact]
    public Task Summary_CostsOfRecord_SplitByWhereTheyCameFrom() => Summary_CostsOfRecord_SplitByWhereTheyCameFromAsync();
}
