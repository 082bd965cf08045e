namespace SpendOps.Web.Cli;

/// <summary>One command, e.g. <c>keys create</c>: its usage line, accepted options and what it does.</summary>
internal sealed record CliCommand(
    string Name,
    string Usage,
    IReadOnlyCollection<string> Options,
    IReadOnlyCollection<string> Flags,
    Func<CliContext, Task<int>> RunAsync,
    IReadOnlyCollection<string>? Repeatable = null);
