namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>
/// Browser test classes share one host and one Chromium and run one after another: the machines have two cores, and
/// a browser per class would only make the tests slower and flakier. Tests must not depend on each other's data.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal (browser)";
}
