namespace SpendOps.Proxy.Limits;

/// <summary>A chunked request body ran into the full <see cref="RequestBodyBudget"/> while it was being read.</summary>
internal sealed class BodyBudgetExceededException() : Exception("The buffered request body budget is used up.");
