namespace SpendOps.Web.Components.Pages.Usage;

/// <summary>
/// One of the filter panel's closed choices: the address field it sets (<see cref="SpendOps.Web.Usage.UsageQueryString"/>),
/// its label and its options, value first; the empty value is "any".
/// </summary>
internal sealed record UsageFilterChoice(string Field, string Label, IReadOnlyList<(string Value, string Text)> Options)
{
    public static readonly IReadOnlyList<UsageFilterChoice> All =
    [
        new("status", "Status", [("", "any"), ("2", "2xx"), ("4", "4xx"), ("5", "5xx")]),
        new("source", "Source", [("", "any"), ("proxy", "proxy"), ("telemetry", "telemetry")]),
        new("estimated", "Estimated", [("", "any"), ("true", "estimated only"), ("false", "measured only")]),
        new("pricing", "Pricing", [("", "any"), ("priced", "priced"), ("reported", "reported cost"), ("unpriced", "unpriced or pending"),
            ("pending", "pending"), ("not_billable", "not billable")]),
        new("complete", "Usage", [("", "any"), ("true", "complete"), ("false", "incomplete")]),
    ];

    /// <summary>The text shown for a value (the select shows it, not the raw address value).</summary>
    public string TextOf(string? value) => Options.FirstOrDefault(o => o.Value == (value ?? "")).Text ?? value ?? "";
}
