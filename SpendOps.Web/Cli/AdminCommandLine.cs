using System.Data.Common;
using Microsoft.Extensions.Options;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Jobs;

namespace SpendOps.Web.Cli;

/// <summary>
/// <c>dotnet SpendOps.Web.dll &lt;group&gt; &lt;verb&gt; ...</c>: admin commands against the configured database,
/// for scripts and operators. Output goes to stdout (JSON with <c>--json</c>), problems to stderr as one line;
/// the exit code is 0 on success, 1 when the command failed, 2 when the command line was wrong.
/// </summary>
internal static class AdminCommandLine
{
    private static readonly IReadOnlyList<CliCommand> Commands = [.. TenantCommands.All, .. DimsCommands.All, .. KeyCommands.All, .. UsageCommands.All, .. PriceCommands.All, .. ConnectionCommands.All, .. BudgetCommands.All, .. AlertCommands.All, .. NotificationCommands.All, .. ReportCommands.All, .. ReportScheduleCommands.All, .. JobCommands.All];

    private static readonly HashSet<string> Groups = Commands.Select(c => c.Name.Split(' ')[0]).Append("help").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True unless the first argument is a host option (<c>--urls …</c>, <c>/environment …</c>, <c>Urls=…</c>): a first
    /// word that is not a command (<c>budget list</c>, a typo) is refused by <see cref="RunAsync"/>, never read as the
    /// start of a second web server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (!Groups.Contains(args[0]))
        {
            error.WriteLine($"error: unknown command '{string.Join(' ', args.Take(2))}'.");
            return PrintHelp(error, group: null, exitCode: 2);
        }
        if (args[0] == "help" || args.Length < 2)
            return PrintHelp(args[0] == "help" ? output : error, args[0] == "help" ? null : args[0]);

        var name = $"{args[0]} {args[1]}";
        var command = Commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            error.WriteLine($"error: unknown command '{name}'.");
            return PrintHelp(error, args[0]);
        }

        try
        {
            var arguments = CliArguments.Parse(name, args[2..], command.Options, command.Flags, command.Repeatable);
            using var host = BuildHost();
            await using var scope = host.Services.CreateAsyncScope();
            await DatabaseStartup.PrepareAsync(host.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);
            return await command.RunAsync(new CliContext(arguments, scope.ServiceProvider, output, CancellationToken.None));
        }
        catch (CliUsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine($"usage: {command.Usage}");
            return 2;
        }
        catch (DomainException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"error: configuration: {string.Join(" ", ex.Failures)}");
            return 1;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            error.WriteLine($"error: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static IHost BuildHost()
    {
        // The command's own arguments are not configuration: "--tenant acme" must not become a setting.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A job run by 'jobs run' says what it did in its own log lines, most of them below Warning.
        foreach (var job in RecurringJobs.All)
            builder.Logging.AddFilter(job.Job.Type.FullName, LogLevel.Debug);
        builder.AddSpendOpsCore();
        return builder.Build();
    }

    private static int PrintHelp(TextWriter writer, string? group, int? exitCode = null)
    {
        writer.WriteLine("SpendOps admin commands (run against the configured database):");
        foreach (var command in Commands.Where(c => group is null || c.Name.StartsWith(group + " ", StringComparison.Ordinal)))
            writer.WriteLine($"  {command.Usage}");
        return exitCode ?? (group is null ? 0 : 2);
    }
}
