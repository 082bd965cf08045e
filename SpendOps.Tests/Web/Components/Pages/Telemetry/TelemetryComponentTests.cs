using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SpendOps.Core.Telemetry;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Web.Components.Pages.Telemetry;

/// <summary>
/// The Telemetry components' services on top of <see cref="PortalComponentTests"/>: the real connection service, the
/// ingest options, and the portal's real policies, since the dialogs check the Admin policy before every change.
/// </summary>
public abstract class TelemetryComponentTests : PortalComponentTests
{
    protected TelemetryComponentTests()
    {
        Services.AddScoped<TelemetryConnectionService>();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(Options.Create(new TelemetryIngestOptions()));
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
    }

    protected async Task<CreatedTelemetryConnection> CreateConnectionAsync(string name, Guid? tenantId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>()
            .CreateAsync(tenantId ?? Tenant.Id, name, TelemetrySource.ClaudeCode, "tests", CancellationToken.None);
    }
}
