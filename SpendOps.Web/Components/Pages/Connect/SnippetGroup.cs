namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>Snippets shown under one tab of the Connect page (Claude Code, curl, Python, ...).</summary>
public sealed record SnippetGroup(string Name, IReadOnlyList<Snippet> Snippets);
