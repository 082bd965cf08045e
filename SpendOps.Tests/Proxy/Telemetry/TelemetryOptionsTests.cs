using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core;
using SpendOps.Proxy.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:MaxBodyBytes", "0")]
    [InlineData("Telemetry:MaxRecordsPerRequest", "0")]
    [InlineData("Telemetry:MaxAttributesPerRequest", "0")]
    [InlineData("Telemetry:RawBatchRetentionDays", "0")]
    [InlineData("Telemetry:SeriesStateRetentionDays", "-1")]
    public async Task StartAsync_InvalidTelemetryOption_RefusesToStart(string key, string value)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SpendOps"] = "Data Source=:memory:",
            ["Database:MigrateOnStartup"] = "false",
            ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            [key] = value,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSpendOpsCore();
        builder.AddSpendOpsTelemetry();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key.Split(':')[1], error.Message);
    }
}
