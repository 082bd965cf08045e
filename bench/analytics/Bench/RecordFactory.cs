using System.Globalization;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// One realistic call: a model of the catalog with its catalog cost, tokens on a long-tailed distribution, streaming
/// or not, 0–4 dimensions; about 2 % on a model the catalog does not price (unpriced), 1.5 % cut off before the usage
/// arrived (incomplete, cost unknown), 1 % refused upstream (429/5xx, nothing billed), and on tenants with a
/// telemetry connection about 8 % of their calls estimates from Claude Code (source telemetry, reported cost).
/// </summary>
internal sealed class RecordFactory(ModelMix models, Random random)
{
    private static readonly string[] CustomModels = ["ft:gpt-4o-mini:acme:support-v3", "ft:gpt-4.1-mini:acme:triage", "llama-3.3-70b-internal", "acme-embed-v2"];

    public UsageRecord Create(FleetTenant tenant, DateTimeOffset timestamp)
    {
        if (tenant.ConnectionId is { } connection && random.NextDouble() < 0.08 && models.PickOf("anthropic", random) is { } claude)
            return Telemetry(tenant, connection, claude, timestamp);
        var price = models.Pick(random);
        var record = Proxy(tenant, price, timestamp);
        var kind = random.NextDouble();
        if (kind < 0.02)
        {
            record.ModelRequested = record.ModelReported = CustomModels[random.Next(CustomModels.Length)];
            record.PricingStatus = PricingStatus.Unpriced;
        }
        else if (kind < 0.035)
        {
            record.UsageComplete = false;
            record.Tokens = new TokenCounts { InputTokens = record.Tokens.InputTokens };
            record.PricingStatus = PricingStatus.UsageUnknown;
        }
        else if (kind < 0.045)
        {
            record.StatusCode = random.NextDouble() < 0.7 ? 429 : 503;
            record.Tokens = new TokenCounts();
            record.Billable = false;
            record.PricingStatus = PricingStatus.NotBillable;
        }
        else
        {
            record.CostUsd = CostCalculator.Calculate(record, price).Total;
            record.CostSource = CostSource.Catalog;
            record.PricingStatus = PricingStatus.Priced;
            record.PriceId = price.Id;
            record.PricedAt = timestamp;
        }
        return record;
    }

    private UsageRecord Proxy(FleetTenant tenant, ModelPrice price, DateTimeOffset timestamp)
    {
        var keyIndex = Math.Min((int)(tenant.KeyIds.Count * Math.Pow(random.NextDouble(), 1.8)), tenant.KeyIds.Count - 1);
        var stream = random.NextDouble() < 0.55;
        var tokens = Tokens(price.Provider!, price.ModelKey);
        var latency = 300 + tokens.OutputTokens * (8 + 20 * random.NextDouble());
        return new UsageRecord
        {
            RequestId = Guid.CreateVersion7(timestamp).ToString("N"),
            UpstreamRequestId = UpstreamId(),
            Timestamp = timestamp,
            TenantId = tenant.Id,
            ApiKeyId = tenant.KeyIds[keyIndex],
            Source = UsageSource.Proxy,
            Provider = price.Provider!,
            Endpoint = price.Provider switch { "anthropic" => "messages", "google" => "generateContent", _ => random.NextDouble() < 0.3 ? "responses" : "chat.completions" },
            ModelRequested = price.ModelKey,
            ModelReported = price.ModelKey,
            Stream = stream,
            StatusCode = 200,
            LatencyMs = latency,
            TimeToFirstByteMs = stream ? 150 + 600 * random.NextDouble() : null,
            RequestBytes = tokens.PromptTokens * 4 + 200,
            ResponseBytes = tokens.OutputTokens * (stream ? 9 : 4) + 300,
            Billable = true,
            UsageComplete = true,
            Tokens = tokens,
            Dims = Dimensions.Draw(random),
        };
    }

    private UsageRecord Telemetry(FleetTenant tenant, Guid connection, ModelPrice price, DateTimeOffset timestamp)
    {
        var tokens = Tokens("anthropic", price.ModelKey);
        var record = new UsageRecord
        {
            RequestId = "cc_" + Guid.CreateVersion7(timestamp).ToString("N"),
            UpstreamRequestId = UpstreamId(),
            Timestamp = timestamp,
            TenantId = tenant.Id,
            ConnectionId = connection,
            Source = UsageSource.Telemetry,
            Estimated = true,
            Provider = "anthropic",
            Endpoint = "messages",
            ModelRequested = price.ModelKey,
            ModelReported = price.ModelKey,
            Stream = true,
            StatusCode = 200,
            LatencyMs = 2000 + 20_000 * random.NextDouble(),
            Billable = true,
            UsageComplete = true,
            Tokens = tokens,
            Dims = new Dictionary<string, string> { ["team"] = Dimensions.Skewed(Dimensions.Teams, random), ["user.email"] = $"dev{random.Next(1, 120):000}@acme.example" },
        };
        var cost = Math.Round(CostCalculator.Calculate(record, price).Total, 6);
        record.ProviderCostUsd = record.CostUsd = cost;
        record.CostSource = CostSource.Reported;
        record.PricingStatus = PricingStatus.Reported;
        record.PricedAt = timestamp;
        return record;
    }

    /// <summary>Log-normal token counts (median about 1,500 in, 300 out), cache reads on a third of calls, reasoning for reasoning models.</summary>
    private TokenCounts Tokens(string provider, string model)
    {
        var input = (long)LogNormal(Math.Log(1500), 1.1, 20, 400_000);
        var output = (long)LogNormal(Math.Log(300), 0.9, 1, 32_000);
        var cacheRead = random.NextDouble() < 0.35 ? (long)(input * (1 + 4 * random.NextDouble())) : 0;
        var cacheWrite = provider == "anthropic" && random.NextDouble() < 0.15 ? (long)(input * random.NextDouble() * 2) : 0;
        var reasoning = model.StartsWith('o') || model.Contains("gpt-5", StringComparison.Ordinal) || model.Contains("reason", StringComparison.Ordinal)
            ? (long)(output * (0.5 + random.NextDouble()))
            : 0;
        return new TokenCounts
        {
            InputTokens = input, OutputTokens = output + reasoning, ReasoningTokens = reasoning, CacheReadTokens = cacheRead, CacheWrite5mTokens = cacheWrite,
        };
    }

    private string UpstreamId() => string.Create(CultureInfo.InvariantCulture, $"req_{random.NextInt64():x16}{random.Next():x8}");

    private double LogNormal(double mu, double sigma, double min, double max)
    {
        // Box–Muller.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Clamp(Math.Exp(mu + sigma * normal), min, max);
    }
}
