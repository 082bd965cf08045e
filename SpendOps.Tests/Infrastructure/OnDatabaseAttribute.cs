using Xunit.Abstractions;
using Xunit.Sdk;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// Marks the subclass of a database test class that runs it on one database, as the trait <c>Database=Sqlite</c>
/// or <c>Database=Postgres</c> (so <c>--filter Database=Postgres</c> picks one side). Its
/// <see cref="DatabaseFactAttribute"/> and <see cref="DatabaseTheoryAttribute"/> tests are skipped where that
/// database is not available, exactly like <see cref="RequiresPostgresFactAttribute"/>: never in CI.
/// </summary>
[TraitDiscoverer("SpendOps.Tests.Infrastructure.OnDatabaseTraitDiscoverer", "SpendOps.Tests")]
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnDatabaseAttribute(DatabaseKind database) : Attribute, ITraitAttribute
{
    public DatabaseKind Database { get; } = database;

    /// <summary>Why tests on <paramref name="database"/> are skipped here, or null when they run.</summary>
    public static string? SkipReason(DatabaseKind database) => database == DatabaseKind.Postgres && TestEnvironment.SkipsPostgres
        ? "PostgreSQL not available: install Debian's 'postgresql' package and set SPENDOPS_TEST_POSTGRES (see .ci/run)."
        : null;

    /// <summary>The skip reason for a test of <paramref name="testClass"/>: null for a class not marked with a database.</summary>
    internal static string? SkipReason(ITypeInfo testClass) =>
        testClass.GetCustomAttributes(typeof(OnDatabaseAttribute)).FirstOrDefault() is { } marked
            ? SkipReason(marked.GetConstructorArguments().OfType<DatabaseKind>().Single())
            : null;
}

public sealed class OnDatabaseTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new("Database", traitAttribute.GetConstructorArguments().OfType<DatabaseKind>().Single().ToString())];
}
