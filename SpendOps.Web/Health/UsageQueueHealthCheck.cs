using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SpendOps.Proxy.Usage;

namespace SpendOps.Web.Health;

/// <summary>Unhealthy while the usage queue is above its high-water mark, in records or in bytes.</summary>
internal sealed class UsageQueueHealthCheck(UsageMetrics metrics, IOptions<UsageOptions> usage, IOptions<HealthOptions> health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var length = metrics.QueueLength;
        var bytes = metrics.QueueBytes;
        var percent = health.Value.QueueHighWaterPercent;
        var description = $"{length} of {usage.Value.QueueCapacity} records, {bytes} of {usage.Value.QueueMaxBytes} bytes queued (high-water mark {percent}%).";
        var over = length * 100L >= (long)usage.Value.QueueCapacity * percent || bytes >= usage.Value.QueueMaxBytes / 100 * percent;
        return Task.FromResult(over ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy(description));
    }
}
