using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SpendOps.Tests.Infrastructure;
using SpendOps.Web;

namespace SpendOps.Tests.Web;

/// <summary>A published app started from another folder (as a service manager does) still reads the settings shipped with it.</summary>
public sealed class ShippedSettingsTests : IDisposable
{
    private readonly string appDirectory = TestEnvironment.TempDirectory("shipped-app");
    private readonly string workingDirectory = TestEnvironment.TempDirectory("working-dir");

    [Fact]
    public void AddTo_StartedFromAnotherFolder_ShippedValuesApplyAndTheWorkingDirectoryFileOverrides()
    {
        File.WriteAllText(Path.Combine(appDirectory, "appsettings.json"), """{ "Urls": "http://localhost:5080", "Jobs": { "Enabled": "true" } }""");
        File.WriteAllText(Path.Combine(workingDirectory, "appsettings.json"), """{ "Jobs": { "Enabled": "false" } }""");
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(workingDirectory, "appsettings.json"));

        ShippedSettings.AddTo(builder, appDirectory);
        var configuration = builder.Build();

        Assert.Equal("http://localhost:5080", configuration["Urls"]);
        Assert.Equal("false", configuration["Jobs:Enabled"]);
    }

    [Fact]
    public void AddTo_NoShippedFile_AddsNothing()
    {
        var builder = new ConfigurationBuilder();

        ShippedSettings.AddTo(builder, appDirectory);

        Assert.Empty(builder.Sources);
    }

    [Fact]
    public void HostArguments_HostBuiltWithThem_ReadsTheSettingsFilesOnceWithoutWatchingThem()
    {
        File.WriteAllText(Path.Combine(workingDirectory, "appsettings.json"), """{ "Jobs": { "Enabled": "false" } }""");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ShippedSettings.HostArguments([]),
            ContentRootPath = workingDirectory,
        });

        Assert.Equal("false", builder.Configuration["Jobs:Enabled"]);
        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
    }

    [Fact]
    public void HostArguments_SettingGivenOnTheCommandLine_LeftAsGiven()
    {
        string[] args = ["--hostBuilder:reloadConfigOnChange=true"];

        Assert.Equal(args, ShippedSettings.HostArguments(args));
    }

    public void Dispose()
    {
        Directory.Delete(appDirectory, recursive: true);
        Directory.Delete(workingDirectory, recursive: true);
    }
}
