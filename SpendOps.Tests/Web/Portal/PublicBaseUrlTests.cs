using Microsoft.Extensions.Configuration;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Web.Portal;

public sealed class PublicBaseUrlTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_SettingUnsetOrEmpty_UsesPortalAddress(string? setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = setting }).Build();

        var url = PublicBaseUrl.Resolve(configuration, "http://127.0.0.1:5080/");

        Assert.Equal("http://127.0.0.1:5080", url);
    }

    [Fact]
    public void Resolve_SettingSet_WinsWithoutTrailingSlash()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://spendops.example.com/ " }).Build();

        var url = PublicBaseUrl.Resolve(configuration, "http://10.0.0.5:8080/");

        Assert.Equal("https://spendops.example.com", url);
    }
}
