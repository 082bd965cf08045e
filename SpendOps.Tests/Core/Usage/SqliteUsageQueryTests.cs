namespace SpendOps.Tests.Core.Usage;

/// <summary>The usage queries on SQLite, the default database.</summary>
public sealed class SqliteUsageQueryTests(SqliteUsageDatabaseFixture fixture) : UsageQueryScenarios(fixture), IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public Task SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDays() => SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDaysAsync();

    [Fact]
    public Task SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDays() => SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDaysAsync();

    [Fact]
    public Task SpendOverTime_HourBucketsOnFallBackDay_Has25Buckets() => SpendOverTime_HourBucketsOnFallBackDay_Has25BucketsAsync();

    [Fact]
    public Task SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOther() => SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOtherAsync();

    [Fact]
    public Task SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnce() => SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnceAsync();

    [Fact]
    public Task TopSpend_ByTeam_FoldsTheRestAndKeepsTotals() => TopSpend_ByTeam_FoldsTheRestAndKeepsTotalsAsync();

    [Fact]
    public Task CacheHitRate_PerUser_IsCacheReadsOverPromptTokens() => CacheHitRate_PerUser_IsCacheReadsOverPromptTokensAsync();

    [Fact]
    public Task UsageAttention_InPeriod_CountsUnpricedPendingAndIncomplete() => UsageAttention_InPeriod_CountsUnpricedPendingAndIncompleteAsync();

    [Fact]
    public Task UsagePage_AllPages_ReturnEveryRecordOnceInOrder() => UsagePage_AllPages_ReturnEveryRecordOnceInOrderAsync();

    [Fact]
    public Task UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecord() => UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecordAsync();

    [Fact]
    public Task UsageRecordLookup_OtherTenantsRecord_IsNotFound() => UsageRecordLookup_OtherTenantsRecord_IsNotFoundAsync();

    [Fact]
    public Task DimensionNames_InPeriod_AreDistinctAndSorted() => DimensionNames_InPeriod_AreDistinctAndSortedAsync();

    [Fact]
    public Task Summary_CostsOfRecord_SplitByWhereTheyCameFrom() => Summary_CostsOfRecord_SplitByWhereTheyCameFromAsync();
}
