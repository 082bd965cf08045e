using SpendOps.Core.Chargeback;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Chargeback;

namespace SpendOps.Tests.Web.Components.Pages.Chargeback;

/// <summary>What the page says about a view's downloads before they start: 110 bytes a call in Excel (plus 8 KB), 1,400 in FOCUS (plus 1 KB).</summary>
public sealed class ChargebackExportSizeTests
{
    [Theory]
    [InlineData(4, 3, "4 call(s) in this view: the CSV holds its 3 row(s); Excel lists every call, about 8 KB; FOCUS about 6 KB.")]
    [InlineData(25_000, 40, "25,000 call(s) in this view: the CSV holds its 40 row(s); Excel lists every call, about 2.8 MB; FOCUS about 35 MB.")]
    [InlineData(1_000_000, 120, "1,000,000 call(s) in this view: the CSV holds its 120 row(s); Excel lists every call, about 110 MB; FOCUS about 1,400 MB.")]
    public void Describe_CallsAndRows_CountsAndRoughSizes(long calls, int rows, string expected)
    {
        var period = ChargebackPeriod.Month(TenantCalendar.Utc, 2026, 11);
        var request = new ChargebackRequest(TenantScope.Of(Guid.NewGuid()), period, [new ChargebackKey(ChargebackKeyKind.Model, null)]);
        var report = new ChargebackReport(request, period.Previous(TenantCalendar.Utc),
            [.. Enumerable.Range(0, rows).Select(i => new ChargebackRow([$"m{i}"], ChargebackAmounts.Zero))], ChargebackAmounts.Zero with { Calls = calls }, 0m);

        Assert.Equal(expected, ChargebackExportSize.Describe(report));
    }
}
