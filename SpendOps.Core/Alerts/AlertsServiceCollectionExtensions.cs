using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpendOps.Core.Alerts.Channels;

namespace SpendOps.Core.Alerts;

internal static class AlertsServiceCollectionExtensions
{
    /// <summary>The <c>Alerts</c> options, the channels, the outbox and the dispatcher; the recurring job is scheduled by <c>AddSpendOpsJobs</c>.</summary>
    public static IHostApplicationBuilder AddSpendOpsAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>());
        services.AddHttpClient(AlertHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // Each channel applies Alerts:TimeoutSeconds itself, so the setting can change without a restart.
            .ConfigureHttpClient(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("SpendOps-Alerts/1.0");
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, SlackChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, EmailChannel>());
        services.TryAddSingleton<AlertPortalLinks>();
        services.TryAddSingleton<AlertDispatchTrigger>();
        services.TryAddSingleton<AlertOutbox>();
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<TestNotificationSender>();
        services.TryAddScoped<AlertDispatchJob>();
        services.AddHostedService<AlertDispatchWakeup>();
        return builder;
    }
}
