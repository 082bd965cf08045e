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
        // appsettings.json quiets some categories by name: each is turned up too, including those that print URLs.
        foreach (var category in (string[])["Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.EntityFrameworkCore", "System", "Yarp", "Hangfire", "SpendOps"])
            app.Settings[$"Logging:LogLevel:{category}"] = "Trace";
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(new RunLogProvider(Lines));
    }
}
