using System.Reflection;
using Microsoft.Extensions.Options;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Runs the settings checks the host would run as it starts, before it starts: a setting out of range is the
/// operator's to fix, so it gets one line naming it, not a failed host's log entry with a stack trace.
/// </summary>
internal static class StartupSettingsCheck
{
    /// <summary>
    /// False when another program runs the entry point (<c>WebApplicationFactory</c> in tests): that program starts the
    /// host itself and is told of invalid settings by the start's exception, so the app must not stop before it.
    /// </summary>
    public static bool RunsAsItsOwnProgram => Assembly.GetEntryAssembly() == typeof(StartupSettingsCheck).Assembly;

    /// <summary>Every failed check on one line, or null when the settings are valid.</summary>
    public static string? Failures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join(" ", ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return string.Join(" ", ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
    }
}
