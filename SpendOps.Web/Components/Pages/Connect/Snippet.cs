namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>One block to paste, with the language it is written in and a short note on what to replace or why.</summary>
public sealed record Snippet(string Title, string Language, string Code, string? Note);
