using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SpendOps.Proxy.Usage;

namespace SpendOps.Web.Health;

/// <summary>Unhealthy while the spill folder is near its quota (past it, records that overflow the queue are lost).</summary>
internal sealed class SpillFolderHealthCheck(UsageSpillFile spill, IOptions<UsageOptions> usage, IOptions<HealthOptions> health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var used = spill.UsedBytes;
        var quota = usage.Value.SpillMaxBytes;
        var percent = health.Value.SpillHighWaterPercent;
        var description = $"{used} of {quota} bytes used (high-water mark {percent}%).";
        var over = used >= quota / 100 * percent;
        return Task.FromResult(over ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy(description));
    }
}
