using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SpendOps.Web;

/// <summary>
/// The <c>appsettings.json</c> (and <c>wwwroot</c>) published next to the app are read whatever the working directory is, so a service
/// manager that starts the app from another folder still gets its <c>Urls</c>, logging levels and defaults. It is the
/// lowest layer: an <c>appsettings.json</c> in the working directory, environment variables and arguments override it.
/// </summary>
internal static class ShippedSettings
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// The published <c>wwwroot</c> next to the app, so stylesheets and scripts are served whatever the working directory
    /// (by default the web root is looked for in the working directory, and a service manager's folder has none: every
    /// asset answered as an empty 200). Null for a build output, whose assets come from the static web assets manifest.
    /// </summary>
    public static string? WebRoot(string appDirectory)
    {
        var published = Path.Combine(appDirectory, "wwwroot");
        return Directory.Exists(published) ? published : null;
    }

    /// <summary>
    /// The host's arguments with configuration files read once at start, not watched: watching them puts a recursive
    /// file watcher on the working directory, and where the data folder lies below it (the default for a published
    /// app started from its own folder, and for <c>dotnet run</c>) every SQLite page, journal and spill write wakes it.
    /// A deployment that wants the files watched sets <c>DOTNET_hostBuilder__reloadConfigOnChange=true</c>.
    /// </summary>
    public static string[] HostArguments(string[] args)
    {
        const string Setting = "hostBuilder:reloadConfigOnChange";
        if (Environment.GetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange") is not null
            || args.Any(a => a.Contains(Setting, StringComparison.OrdinalIgnoreCase)))
            return args;
        return [.. args, $"--{Setting}=false"];
    }

    public static void AddTo(IConfigurationBuilder configuration, string appDirectory)
    {
        if (!File.Exists(Path.Combine(appDirectory, FileName)))
            return;
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(appDirectory),
            Path = FileName,
            Optional = true,
        });
    }
}
