namespace SpendOps.Bench.Analytics;

/// <summary>A problem told to the user as one line (no stack trace): a database not prepared, a tenant missing.</summary>
internal sealed class BenchException(string message) : Exception(message);
