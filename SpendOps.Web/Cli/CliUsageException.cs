namespace SpendOps.Web.Cli;

/// <summary>The command line was wrong; the message says what to type instead.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
