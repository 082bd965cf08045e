using SpendOps.Core.Keys;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Core.Tenancy;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>The tenant catalogue combined with a key's own dimension rules: required names add up, names and values intersect.</summary>
public sealed class PolicyCheckTests
{
    private const string Require = "AI SpendOps: require_dims violation";
    private const string Policy = "AI SpendOps: dims_policy violation";

    [Theory]
    // No catalogue: today's behaviour, the key alone decides.
    [InlineData("", "", null, "anything=goes", null)]
    [InlineData("", "user", null, "team=a", Require)]
    [InlineData("", "", "team=a|b", "team=c", Policy + ": 'c' is not an allowed value of 'team'")]
    // The catalogue's required names apply to every key, on top of the key's own.
    [InlineData("user!", "", null, "", Require)]
    [InlineData("user!;env", "env", null, "user=ann", Require)]
    [InlineData("user!;env", "env", null, "user=ann,env=prod", null)]
    // Only catalogued names, and for names with values only those values (exact case).
    [InlineData("team=backend|web", "", null, "app=x", Policy + ": dimension 'app' is not in the tenant's dimension catalogue (allowed: team)")]
    [InlineData("team=backend|web", "", null, "team=Web", Policy + ": 'Web' is not an allowed value of 'team' (allowed: backend, web)")]
    [InlineData("team=backend|web;user", "", null, "team=web,user=anyone", null)]
    // A key narrows: fewer names, fewer values.
    [InlineData("team=backend|web;env", "", "team=web", "env=prod", Policy + ": dimension 'env' is not allowed (allowed: team)")]
    [InlineData("team=backend|web;env", "", "team=web;env", "team=backend", Policy + ": 'backend' is not an allowed value of 'team'")]
    [InlineData("team=backend|web;env", "", "team=web;env", "team=web,env=prod", null)]
    // A key wider than the catalogue (saved before it tightened) gets the intersection.
    [InlineData("team=web", "", "team=web|backend;app", "team=backend", Policy + ": 'backend' is not an allowed value of 'team' (allowed: web)")]
    [InlineData("team=web", "", "team=web|backend;app", "app=x", Policy + ": dimension 'app' is not in the tenant's dimension catalogue (allowed: team)")]
    [InlineData("team=web", "", "team=web|backend;app", "team=web", null)]
    public void CheckDims_CatalogueAndKey_AnswersAsExpected(string catalogue, string keyRequired, string? keyAllowed, string dims, string? expected)
    {
        var key = new ResolvedKey(new ApiKey
        {
            Id = "k1", Name = "k", SecretHash = "x", SecretHint = "abcd",
            Policy = new KeyPolicy { RequiredDims = Catalogues.List(keyRequired), AllowedDims = keyAllowed is null ? null : Catalogues.AllowedDims(keyAllowed) },
        }, "t");

        var message = PolicyCheck.CheckDims(key, Catalogues.Parse(catalogue), Catalogues.Dims(dims));

        Assert.Equal(expected, message);
    }
}
