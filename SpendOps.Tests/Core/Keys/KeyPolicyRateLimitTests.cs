using SpendOps.Core;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Core.Keys;

/// <summary>Rate limits on a key policy: empty takes the tenant's default, a limit must be at least 1.</summary>
public sealed class KeyPolicyRateLimitTests
{
    [Theory]
    [InlineData(0, null, "Requests per minute must be a whole number of at least 1 (leave it empty for the tenant's default); got 0.")]
    [InlineData(-3, null, "Requests per minute must be a whole number of at least 1 (leave it empty for the tenant's default); got -3.")]
    [InlineData(null, 0, "Tokens per minute must be a whole number of at least 1 (leave it empty for the tenant's default); got 0.")]
    [InlineData(null, -1000, "Tokens per minute must be a whole number of at least 1 (leave it empty for the tenant's default); got -1000.")]
    public void Normalize_ZeroOrNegative_Refused(int? requests, int? tokens, string message)
    {
        var error = Assert.Throws<DomainException>(() => KeyPolicyValidator.Normalize(new KeyPolicy { RequestsPerMinute = requests, TokensPerMinute = tokens }));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(1, null)]
    [InlineData(null, 1)]
    [InlineData(600, 2_000_000)]
    public void Normalize_EmptyOrPositive_Kept(int? requests, int? tokens)
    {
        var policy = KeyPolicyValidator.Normalize(new KeyPolicy { RequestsPerMinute = requests, TokensPerMinute = tokens });

        Assert.Equal(requests, policy.RequestsPerMinute);
        Assert.Equal(tokens, policy.TokensPerMinute);
    }
}
