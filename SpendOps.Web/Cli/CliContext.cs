namespace SpendOps.Web.Cli;

/// <summary>What a running command gets: its arguments, a DI scope over the configured database, and the console.</summary>
internal sealed class CliContext(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
{
    public CliArguments Args { get; } = arguments;
    public IServiceProvider Services { get; } = services;
    public TextWriter Out { get; } = output;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public string Actor => "cli:" + Environment.UserName;
}
