using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// The models calls go to: the product's own price catalog (every provider it prices, real model names and prices),
/// with a popularity per provider and, within a provider, a few models carrying most calls.
/// </summary>
internal sealed class ModelMix
{
    // Rough shares of calls by provider in a company fleet; providers not listed get a small share each.
    private static readonly Dictionary<string, double> ProviderShare = new(StringComparer.Ordinal)
    {
        ["openai"] = 38, ["anthropic"] = 30, ["google"] = 12, ["mistral"] = 4, ["openrouter"] = 3, ["groq"] = 3, ["deepseek"] = 2,
        ["xai"] = 2, ["fireworks"] = 1, ["perplexity"] = 1, ["deepinfra"] = 1, ["cerebras"] = 1, ["nebius"] = 1, ["novita"] = 1,
    };

    private readonly (string Provider, ModelPrice[] Models)[] providers;
    private readonly double[] cumulative;

    private ModelMix((string Provider, ModelPrice[] Models)[] providers)
    {
        this.providers = providers;
        var weights = providers.Select(p => ProviderShare.GetValueOrDefault(p.Provider, 0.5)).ToArray();
        var sum = weights.Sum();
        var running = 0.0;
        cumulative = weights.Select(w => running += w / sum).ToArray();
    }

    public int ProviderCount => providers.Length;
    public int ModelCount => providers.Sum(p => p.Models.Length);

    public static async Task<ModelMix> LoadAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        var catalog = await db.ModelPrices.AsNoTracking()
            .Where(p => p.TenantId == null && p.Provider != null && p.ServiceTier == null && !p.ModelKey.Contains("*"))
            .ToListAsync(cancellationToken);
        if (catalog.Count == 0)
            throw new BenchException("the database has no price catalog: run the product's command line once first (bench/analytics.sh does).");
        var byProvider = catalog.GroupBy(p => p.Provider!)
            .Select(g => (g.Key, g.GroupBy(p => p.ModelKey).Select(m => m.MaxBy(p => p.EffectiveFrom)!)
                // Cheapest first: small models carry most calls in a fleet, and a skewed pick favours the first.
                .OrderBy(p => p.InputPerMTok).ThenBy(p => p.ModelKey, StringComparer.Ordinal).Take(8).ToArray()))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        return new ModelMix(byProvider);
    }

    public ModelPrice Pick(Random random)
    {
        var u = random.NextDouble();
        var index = Array.FindIndex(cumulative, c => u <= c);
        var models = providers[index < 0 ? providers.Length - 1 : index].Models;
        return models[Math.Min((int)(models.Length * Math.Pow(random.NextDouble(), 2.2)), models.Length - 1)];
    }

    /// <summary>A model of one provider (telemetry from Claude Code is always Anthropic).</summary>
    public ModelPrice? PickOf(string provider, Random random) =>
        providers.FirstOrDefault(p => p.Provider == provider).Models is { Length: > 0 } models
            ? models[Math.Min((int)(models.Length * Math.Pow(random.NextDouble(), 2)), models.Length - 1)]
            : null;
}
