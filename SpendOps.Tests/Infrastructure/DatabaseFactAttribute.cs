using Xunit.Abstractions;
using Xunit.Sdk;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A fact of an abstract database test class: it runs once per <see cref="OnDatabaseAttribute"/> subclass and is
/// skipped on a database this machine does not have (never in CI).
/// </summary>
[XunitTestCaseDiscoverer("SpendOps.Tests.Infrastructure.DatabaseFactDiscoverer", "SpendOps.Tests")]
public sealed class DatabaseFactAttribute : FactAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        OnDatabaseAttribute.SkipReason(testMethod.TestClass.Class) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}
