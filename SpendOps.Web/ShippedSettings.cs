using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SpendOps.Web;

/// <summary>
/// The <c>appsettings.json</c> published next to the app is read whatever the working directory is, so a service
/// manager that starts the app from another folder still gets its <c>Urls</c>, logging levels and defaults. It is the
/// lowest layer: an <c>appsettings.json</c> in the working directory, environment variables and arguments override it.
/// </summary>
internal static class ShippedSettings
{
    public const string FileName = "appsettings.json";

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
