using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Security;

/// <summary>A host configured as an operator chasing a problem would: every category at Trace, every line kept.</summary>
public sealed class VerboseLoggingFixture : ProxyFixture
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void Configure(SpendOpsAppFactory app)
    {
        app.Settings["Logging:LogLevel:Default"] = "Trace";
        app.Settings["Logging:LogLevel:Microsoft"] = "Trace";
        app.Settings["Logging:LogLevel:SpendOps"] = "Trace";
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(new RunLogProvider(Lines));
    }
}
