using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Key changes across skewed clocks, two instances on one PostgreSQL database.</summary>
public sealed class PostgresKeyClockSkewTests : KeyClockSkewScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task KeyDisabledThroughInstanceWhoseClockIsAnHourBehind_IsRefusedByTheOther() => KeyDisabledThroughInstanceWhoseClockIsAnHourBehind_IsRefusedByTheOtherAsync();

    [RequiresPostgresFact]
    public Task KeyDisabledThroughInstanceWhoseClockIsAnHourAhead_IsRefusedByTheOther() => KeyDisabledThroughInstanceWhoseClockIsAnHourAhead_IsRefusedByTheOtherAsync();

    [RequiresPostgresFact]
    public Task PolicyNarrowedThroughInstanceWhoseClockIsAnHourBehind_AppliesOnTheOther() => PolicyNarrowedThroughInstanceWhoseClockIsAnHourBehind_AppliesOnTheOtherAsync();
}
