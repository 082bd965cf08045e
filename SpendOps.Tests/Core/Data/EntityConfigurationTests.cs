using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using SpendOps.Core.Data;

namespace SpendOps.Tests.Core.Data;

/// <summary>The model names its entity configurations one by one; none in the assembly may be left out.</summary>
public sealed class EntityConfigurationTests
{
    [Fact]
    public void ListedConfigurations_BuildTheModelThatEveryConfigurationInTheAssemblyBuilds()
    {
        var listed = SqliteConventionSetBuilder.CreateModelBuilder();
        SpendOpsDbContext.ApplyEntityConfigurations(listed);
        var scanned = SqliteConventionSetBuilder.CreateModelBuilder();
        scanned.ApplyConfigurationsFromAssembly(typeof(SpendOpsDbContext).Assembly);

        Assert.Equal(Describe(scanned), Describe(listed));
    }

    private static string Describe(ModelBuilder builder) =>
        builder.FinalizeModel().ToDebugString(MetadataDebugStringOptions.LongDefault);
}
