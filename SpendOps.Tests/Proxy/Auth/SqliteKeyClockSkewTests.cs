using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Key changes across skewed clocks, two hosts on one SQLite file.</summary>
public sealed class SqliteKeyClockSkewTests : KeyClockSkewScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task KeyDisabledThroughInstanceWhoseClockIsAnHourBehind_IsRefusedByTheOther() => KeyDisabledThroughInstanceWhoseClockIsAnHourBehind_IsRefusedByTheOtherAsync();

    [Fact]
    public Task KeyDisabledThroughInstanceWhoseClockIsAnHourAhead_IsRefusedByTheOther() => KeyDisabledThroughInstanceWhoseClockIsAnHourAhead_IsRefusedByTheOtherAsync();

    [Fact]
    public Task PolicyNarrowedThroughInstanceWhoseClockIsAnHourBehind_AppliesOnTheOther() => PolicyNarrowedThroughInstanceWhoseClockIsAnHourBehind_AppliesOnTheOtherAsync();
}
