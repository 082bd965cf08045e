using SpendOps.Core.Keys;
using SpendOps.Web.Components.Pages.Keys;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The key form's model: text fields to policy and back, and field-level messages from the key policy rules.</summary>
public sealed class KeyPolicyInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToPolicy_TextFields_ListsAndAllowedValues()
    {
        var input = new KeyPolicyInput
        {
            Name = "team",
            Providers = ["openai"],
            Models = "gpt-4.1*\nclaude-*, o3",
            RequiredDims = "user, team",
            AllowedDims = "user\nteam\nenv=prod, staging",
            InjectStreamUsage = true,
        };

        var policy = input.ToPolicy();

        Assert.Equal(["openai"], policy.AllowedProviders);
        Assert.Equal(["gpt-4.1*", "claude-*", "o3"], policy.AllowedModels);
        Assert.Equal(["user", "team"], policy.RequiredDims);
        Assert.Equal(["prod", "staging"], policy.AllowedDims!["env"]);
        Assert.Empty(policy.AllowedDims["user"]);
        Assert.True(policy.InjectStreamUsage);
        Assert.Empty(input.Validate(Now));
    }

    [Fact]
    public void From_SavedKey_RoundTripsToTheSamePolicy()
    {
        var policy = KeyPolicyValidator.Normalize(new KeyPolicy
        {
            AllowedProviders = ["anthropic"],
            AllowedModels = ["claude-*"],
            RequiredDims = ["user"],
            AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["user"] = [], ["env"] = ["prod"] },
        });
        var key = new ApiKeySummary("kid", "name", "abcd", ApiKeyStatus.Active, policy, Now, null, Now, null, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), null);

        var input = KeyPolicyInput.From(key);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(policy), System.Text.Json.JsonSerializer.Serialize(KeyPolicyValidator.Normalize(input.ToPolicy())));
        Assert.Equal(key.ExpiresAt, input.ExpiresAt);
    }

    [Fact]
    public void Validate_BrokenFields_ValidatorMessagePerField()
    {
        var input = new KeyPolicyInput
        {
            Name = "x",
            Models = "gpt 4",
            RequiredDims = "user",
            AllowedDims = "team",
            ExpiresOn = Now.UtcDateTime.Date,
        };

        var problems = input.Validate(Now).ToDictionary(p => p.Field, p => p.Message);

        Assert.Equal("Invalid model pattern 'gpt 4': use a model name, optionally with * and ?, and no spaces.", problems[nameof(KeyPolicyInput.Models)]);
        Assert.Equal("Required dimension 'user' is not in the allowed dimension names.", problems[nameof(KeyPolicyInput.AllowedDims)]);
        Assert.Contains("after today", problems[nameof(KeyPolicyInput.ExpiresOn)]);
        Assert.False(problems.ContainsKey(nameof(KeyPolicyInput.RequiredDims)));
    }

    [Theory]
    [InlineData("bad name!", nameof(KeyPolicyInput.RequiredDims), "Invalid dimension name 'bad name!'")]
    [InlineData("", nameof(KeyPolicyInput.AllowedDims), "Dimension 'env' is listed twice")]
    public void Validate_DimensionProblems_ReportedOnTheirField(string required, string field, string message)
    {
        var input = new KeyPolicyInput { Name = "x", RequiredDims = required, AllowedDims = "env=prod\nenv=dev" };

        var problems = input.Validate(Now).ToDictionary(p => p.Field, p => p.Message);

        Assert.StartsWith(message, problems[field]);
    }
}
