using SpendOps.Core;
using SpendOps.Proxy;
using SpendOps.Proxy.Forwarding;
using SpendOps.Proxy.Telemetry;
using SpendOps.Web;
using SpendOps.Web.Cli;
using SpendOps.Web.Health;
using SpendOps.Web.Hosting;
using SpendOps.Web.Jobs;
using SpendOps.Web.Observability;
using SpendOps.Web.Portal;

if (HealthProbeCommand.IsCommand(args))
    return await HealthProbeCommand.RunAsync(args);
if (AdminCommandLine.IsCommand(args))
    return await AdminCommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ShippedSettings.HostArguments(args), WebRootPath = ShippedSettings.WebRoot(AppContext.BaseDirectory) });
ShippedSettings.AddTo(builder.Configuration, AppContext.BaseDirectory);
if (PortalSwitch.Read(builder.Configuration, out var portalSettingError) is not { } portal)
{
    Console.Error.WriteLine($"error: configuration: {portalSettingError}");
    return 1;
}
if (InlineSocketCompletions.Read(builder.Configuration, out var socketSettingError) is not { } inlineSockets)
{
    Console.Error.WriteLine($"error: configuration: {socketSettingError}");
    return 1;
}
// Not in a test host: the setting is the whole process's, and there other sockets came first.
if (StartupSettingsCheck.RunsAsItsOwnProgram)
    InlineSocketCompletions.Apply(inlineSockets);
// Serves wwwroot and package assets from a build output in every environment (a no-op once published).
builder.WebHost.UseStaticWebAssets();
builder.AddSpendOpsHosting();
builder.AddSpendOpsCore();
builder.AddSpendOpsProxy();
builder.AddSpendOpsTelemetry();
builder.Services.AddSpendOpsHealthChecks();
if (portal)
    builder.AddSpendOpsPortal();
builder.AddSpendOpsObservability();

var app = builder.Build();
// Not when another program runs this one (the test host), which expects the host's own start to fail instead.
if (StartupSettingsCheck.RunsAsItsOwnProgram && StartupSettingsCheck.Failures(app.Services) is { } failures)
{
    Console.Error.WriteLine($"error: configuration: {failures}");
    return 1;
}
if (portal)
    app.UseSpendOpsPortal();
app.MapSpendOpsProxy();
app.MapSpendOpsOtlpIngest();
app.MapSpendOpsHealth();
if (portal)
{
    app.MapSpendOpsPortal();
    app.MapSpendOpsJobsDashboard();
}
else
{
    app.MapProxyOnlyFallback();
}
app.MapSpendOpsMetrics();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;
