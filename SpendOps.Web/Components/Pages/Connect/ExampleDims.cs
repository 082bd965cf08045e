namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>Example values for dimensions in snippets, so a required <c>user</c> reads <c>user=alice</c> rather than a bare name.</summary>
public static class ExampleDims
{
    public static string For(string name) => name switch
    {
        "user" => "user=alice",
        "team" => "team=backend",
        "env" => "env=prod",
        "app" => "app=chatbot",
        "project" => "project=acme",
        "customer" => "customer=acme",
        _ => $"{name}=example",
    };
}
