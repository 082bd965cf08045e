using SpendOps.Core.Chargeback;
using SpendOps.Core.Usage;
using SpendOps.Web.Chargeback;

namespace SpendOps.Tests.Web.Chargeback;

/// <summary>The chargeback view in an address: what each form of period means, the defaults, and the round trip.</summary>
public sealed class ChargebackQueryStringTests
{
    private static readonly DateTimeOffset December5 = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("?period=2026-11", "2026-11-01", "2026-12-01")]
    [InlineData("?period=2026-Q4", "2026-10-01", "2027-01-01")]
    [InlineData("?from=2026-11-03&to=2026-11-10", "2026-11-03", "2026-11-10")]
    [InlineData("", "2026-11-01", "2026-12-01")]
    public void Parse_Period_CoversTheseDays(string query, string first, string end)
    {
        var (view, errors) = ChargebackQueryString.Parse("chargeback" + query, TenantCalendar.Utc, December5);

        Assert.Empty(errors);
        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (view.Period.First, view.Period.End));
    }

    [Fact]
    public void Format_ParsedView_GivesTheSameAddressBack()
    {
        const string query = "?period=2026-Q3&by=dim%3Ateam,model&allocate=owner%3Aplatform";

        var (view, _) = ChargebackQueryString.Parse("chargeback" + query, TenantCalendar.Utc, December5);

        Assert.Equal([new ChargebackKey(ChargebackKeyKind.Dimension, "team"), new ChargebackKey(ChargebackKeyKind.Model)], view.Keys);
        Assert.Equal(new ChargebackAllocation(ChargebackAllocationKind.Owner, "platform"), view.Allocation);
        Assert.Equal(query, ChargebackQueryString.Format(view));
        Assert.Equal("2026-Q3", view.Period.FileText);
    }

    [Theory]
    [InlineData("?from=2026-11-10&to=2026-11-10", "'to' must be after 'from' ('to' is the first day not included).")]
    [InlineData("?from=2026-11-10", "'to' must be a day (YYYY-MM-DD); 'from' and 'to' go together.")]
    [InlineData("?period=2026-Q5", "'period=2026-Q5' is not a month (2026-11) or a quarter (2026-Q4).")]
    [InlineData("?from=1900-01-01&to=1900-02-01", "'from' and 'to' must be days between the years 2000 and 2999.")]
    [InlineData("?by=", "")]
    public void Parse_BadPeriod_SaysWhyAndFallsBackToLastMonth(string query, string error)
    {
        var (view, errors) = ChargebackQueryString.Parse("chargeback" + query, TenantCalendar.Utc, December5);

        Assert.Equal(error.Length == 0 ? [] : [error], errors);
        Assert.Equal(ChargebackPeriodChoice.Month(2026, 11), view.Period);
        Assert.Equal(ChargebackView.DefaultKeys, view.Keys);
    }
}
