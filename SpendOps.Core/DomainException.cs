namespace SpendOps.Core;

/// <summary>A rule of the domain was broken by the caller's input. The message is shown to the user as is.</summary>
public sealed class DomainException(string message) : Exception(message);
