using SpendOps.Core;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>Changing a tenant's time zone moves "today" on the dashboard at once; unknown zones are refused.</summary>
public sealed class TenantTimeZoneTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task SetTimeZone_DashboardTodayFollowsTheNewZone()
    {
        var tenant = await fixture.EnsureTenantAsync("tz-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.WithDbAsync(db =>
        {
            // 20:00 UTC on 1 March is 05:00 on 2 March in Tokyo (UTC+9, no daylight saving time).
            db.UsageRecords.Add(new UsageRecord
            {
                RequestId = tenant.Name + "-1", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero),
                Provider = "openai", Endpoint = "chat", UsageComplete = true, StatusCode = 200, CostUsd = 1.50m, PricingStatus = PricingStatus.Priced,
            });
            return db.SaveChangesAsync();
        });
        using var frozen = fixture.App.Clock.StopAt(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

        var inUtc = await DashboardAsync(tenant.Id);
        await SetTimeZoneAsync(tenant.Id, "Asia/Tokyo");
        var inTokyo = await DashboardAsync(tenant.Id);

        Assert.Equal(0m, inUtc.TodayUsd);
        Assert.Equal(1.50m, inTokyo.TodayUsd);
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0), inTokyo.LocalNow);
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData(" America/New_York ", "America/New_York")]
    [InlineData("UTC", "UTC")]
    public async Task SetTimeZone_KnownZone_IsStored(string zone, string stored)
    {
        var tenant = await fixture.EnsureTenantAsync("tz-" + Guid.NewGuid().ToString("N")[..6]);

        var saved = await SetTimeZoneAsync(tenant.Id, zone);

        Assert.Equal(stored, saved.TimeZone);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("+02:00")]
    public async Task SetTimeZone_UnknownZone_IsRefused(string zone)
    {
        var tenant = await fixture.EnsureTenantAsync("tz-" + Guid.NewGuid().ToString("N")[..6]);

        var error = await Assert.ThrowsAsync<DomainException>(() => SetTimeZoneAsync(tenant.Id, zone));

        Assert.Equal($"Unknown time zone '{zone}': use an IANA id such as Europe/Berlin, America/New_York or UTC.", error.Message);
    }

    private async Task<Tenant> SetTimeZoneAsync(Guid tenantId, string zone)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantService>().SetTimeZoneAsync(tenantId, zone, "test", CancellationToken.None);
    }

    /// <summary>The dashboard's headline numbers, read as the dashboard reads them.</summary>
    private Task<SpendToDate> DashboardAsync(Guid tenantId) => fixture.WithDbAsync(async db =>
        await SpendToDateQuery.GetAsync(db, tenantId, await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None), fixture.App.Clock, CancellationToken.None));
}
