using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Usage;

namespace SpendOps.Tests.Web.Usage;

public sealed class UsageQueryStringTests
{
    [Fact]
    public void Format_EveryFilter_ParsesBackToTheSameFilter()
    {
        var filter = new UsageFilter
        {
            From = DateTimeOffset.Parse("2026-03-01T05:00:00Z"),
            To = DateTimeOffset.Parse("2026-04-01T04:00:00Z"),
            ApiKeyId = "k1",
            Provider = "anthropic",
            Model = "claude-sonnet-4-5",
            StatusClass = 4,
            Source = UsageSource.Telemetry,
            Estimated = true,
            UsageComplete = false,
            Unpriced = true,
            Dims = new Dictionary<string, string> { ["team"] = "back end", ["user.email"] = "a:b@example.com" },
        };

        var text = UsageQueryString.Format(filter);
        var (parsed, errors) = UsageQueryString.Parse("http://portal/usage" + text);

        Assert.Empty(errors);
        Assert.Equal(filter with { Dims = null }, parsed with { Dims = null });
        Assert.Equal(filter.Dims, parsed.Dims);
    }

    [Fact]
    public void Format_TenantScope_IsNeverInTheAddress()
    {
        var text = UsageQueryString.Format(new UsageFilter { Scope = TenantScope.Of(Guid.NewGuid()) });

        Assert.Equal("", text);
    }

    [Theory]
    [InlineData("?from=yesterday", "'from' is not an ISO 8601")]
    [InlineData("?from=2026-04-01&to=2026-03-01", "'to' must be after 'from'")]
    [InlineData("?status=3", "'status' must be 2, 4 or 5")]
    [InlineData("?pricing=free", "'pricing' must be")]
    [InlineData("?dim=team", "'dim=team' is not NAME:VALUE")]
    [InlineData("?estimated=maybe", "'estimated' must be true or false")]
    public void Parse_BadValue_ReportsItAndLeavesItOut(string query, string error)
    {
        var (filter, errors) = UsageQueryString.Parse("http://portal/usage" + query);

        Assert.StartsWith(error, Assert.Single(errors));
        Assert.Null(filter.StatusClass);
        Assert.Null(filter.Dims);
    }
}
