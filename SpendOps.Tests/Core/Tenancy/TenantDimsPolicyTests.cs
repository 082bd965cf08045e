using SpendOps.Core;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>When a key's policy is wider than the tenant's catalogue (refused on save), and the entry rules.</summary>
public sealed class TenantDimsPolicyTests
{
    [Theory]
    [InlineData("", "user", "team", null)]
    [InlineData("user!;team=a|b", "", null, null)]
    [InlineData("user!;team=a|b", "user", "user;team=a", null)]
    [InlineData("user;team=a|b", "env", null, "requires dimension 'env', which is not in the tenant's dimension catalogue (team, user)")]
    [InlineData("user;team=a|b", "", "user;app", "allows dimension 'app', which is not in the tenant's dimension catalogue (team, user)")]
    [InlineData("user;team=a|b", "", "team=a|c", "allows value 'c' of 'team', which the tenant's catalogue does not (a, b)")]
    [InlineData("user!;team=a|b", "", "team=a", "does not allow dimension 'user', which the tenant's catalogue requires on every call")]
    [InlineData("user;team", "", "team=anything", null)]
    [InlineData("user;team=a|b", "", "team", null)]
    public void ConflictWith_KeyPolicy_NamesTheFirstWideningRule(string catalogue, string keyRequired, string? keyAllowed, string? expected)
    {
        var policy = new KeyPolicy { RequiredDims = Catalogues.List(keyRequired), AllowedDims = keyAllowed is null ? null : Catalogues.AllowedDims(keyAllowed) };

        Assert.Equal(expected, Catalogues.Parse(catalogue).ConflictWith(policy));
    }

    [Theory]
    [InlineData(" Team ", "team")]
    [InlineData("user.email", "user.email")]
    [InlineData("Cost-Center_2", "cost-center_2")]
    public void NormalizeName_ValidName_IsTrimmedAndLowerCase(string name, string expected) =>
        Assert.Equal(expected, TenantDimsRules.NormalizeName(name));

    [Theory]
    [InlineData("")]
    [InlineData("team name")]
    [InlineData("team=x")]
    [InlineData("ümlaut")]
    public void NormalizeName_InvalidName_SaysWhatIsAllowed(string name)
    {
        var error = Assert.Throws<DomainException>(() => TenantDimsRules.NormalizeName(name));

        Assert.Equal($"Invalid dimension name '{name.Trim()}': use 1 to 64 letters, digits, '_', '-' or '.'.", error.Message);
    }

    [Fact]
    public void NormalizeValues_TrimsAndDropsEmptiesAndDuplicates() =>
        Assert.Equal(["backend", "web", "Web"], TenantDimsRules.NormalizeValues("team", [" backend", "web ", "", "backend", "Web"]));

    [Theory]
    [InlineData("a,b", "Invalid value 'a,b' for dimension 'team': use 1 to 256 printable characters and no comma.")]
    [InlineData("tab\there", "Invalid value 'tab\there' for dimension 'team': use 1 to 256 printable characters and no comma.")]
    public void NormalizeValues_UnsendableValue_IsRefused(string value, string expected) =>
        Assert.Equal(expected, Assert.Throws<DomainException>(() => TenantDimsRules.NormalizeValues("team", [value])).Message);
}
