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
