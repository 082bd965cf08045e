using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>The usage queries on PostgreSQL, the production database.</summary>
public sealed class PostgresUsageQueryTests(PostgresUsageDatabaseFixture fixture) : UsageQueryScenarios(fixture), IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public Task SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDays() => SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDaysAsync();

    [RequiresPostgresFact]
    public Task SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDays() => SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDaysAsync();

    [RequiresPostgresFact]
    public Task SpendOverTime_HourBucketsOnFallBackDay_Has25Buckets() => SpendOverTime_HourBucketsOnFallBackDay_Has25BucketsAsync();

    [RequiresPostgresFact]
    public Task SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOther() => SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOtherAsync();

    [RequiresPostgresFact]
    public Task SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnce() => SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnceAsync();

    [RequiresPostgresFact]
    public Task TopSpend_ByTeam_FoldsTheRestAndKeepsTotals() => TopSpend_ByTeam_FoldsTheRestAndKeepsTotalsAsync();

    [RequiresPostgresFact]
    public Task CacheHitRate_PerUser_IsCacheReadsOverPromptTokens() => CacheHitRate_PerUser_IsCacheReadsOverPromptTokensAsync();

    [RequiresPostgresFact]
    public Task UsageAttention_InPeriod_CountsUnpricedPendingAndIncomplete() => UsageAttention_InPeriod_CountsUnpricedPendingAndIncompleteAsync();

    [RequiresPostgresFact]
    public Task UsagePage_AllPages_ReturnEveryRecordOnceInOrder() => UsagePage_AllPages_ReturnEveryRecordOnceInOrderAsync();

    [RequiresPostgresFact]
    public Task UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecord() => UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecordAsync();

    [RequiresPostgresFact]
    public Task UsageRecordLookup_OtherTenantsRecord_IsNotFound() => UsageRecordLookup_OtherTenantsRecord_IsNotFoundAsync();

    [RequiresPostgresFact]
    public Task DimensionNames_InPeriod_AreDistinctAndSorted() => DimensionNames_InPeriod_AreDistinctAndSortedAsync();

    [RequiresPostgresFact]
    public Task Summary_CostsOfRecord_SplitByWhereTheyCameFrom() => Summary_CostsOfRecord_SplitByWhereTheyCameFromAsync();
}
