namespace SpendOps.Bench.Analytics;

/// <summary>The four dimensions callers attach and their values; a few values carry most calls (<see cref="Skewed"/>).</summary>
internal static class Dimensions
{
    public static readonly (string Name, string Description)[] Descriptions =
    [
        ("team", "Owning team"), ("project", "Product or project"), ("env", "Deployment environment"), ("customer", "End customer"),
    ];

    public static readonly string[] Teams =
        ["backend", "search", "data", "platform", "mobile", "support", "research", "growth", "frontend", "security", "finance-eng", "ml-infra"];

    public static readonly string[] Projects = Enumerable.Range(1, 40).Select(i => i switch
    {
        1 => "chatbot", 2 => "summaries", 3 => "code-review", 4 => "agent", 5 => "support-triage", 6 => "search-rerank",
        _ => $"project-{i:00}",
    }).ToArray();

    public static readonly string[] Environments = ["prod", "staging", "dev"];

    public static readonly string[] Customers = Enumerable.Range(1, 500).Select(i => $"cust-{i:0000}").ToArray();

    /// <summary>Zipf-like pick: the first values are by far the most common, as with real teams and customers.</summary>
    public static string Skewed(string[] values, Random random, double exponent = 1.1)
    {
        // Inverse of a continuous power law over [1, n+1): cheap and close enough to Zipf for a benchmark.
        var n = values.Length;
        var u = random.NextDouble();
        var oneMinus = 1 - exponent;
        var rank = Math.Pow(u * (Math.Pow(n + 1, oneMinus) - 1) + 1, 1 / oneMinus);
        return values[Math.Clamp((int)rank - 1, 0, n - 1)];
    }

    public static Dictionary<string, string> Draw(Random random)
    {
        var dims = new Dictionary<string, string>(4);
        if (random.NextDouble() < 0.8)
            dims["team"] = Skewed(Teams, random);
        if (random.NextDouble() < 0.6)
            dims["project"] = Skewed(Projects, random);
        if (random.NextDouble() < 0.5)
            dims["env"] = random.NextDouble() switch { < 0.75 => "prod", < 0.9 => "staging", _ => "dev" };
        if (random.NextDouble() < 0.25)
            dims["customer"] = Skewed(Customers, random, 1.2);
        return dims;
    }
}
