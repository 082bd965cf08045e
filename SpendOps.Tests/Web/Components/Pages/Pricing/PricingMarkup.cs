using AngleSharp.Dom;
using Bunit;
using MudBlazor;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>Finds what a user finds on the pricing components: inputs by their label, buttons by their text.</summary>
internal static class PricingMarkup
{
    public static IElement InputLabelled(this IRenderedComponent<MudDialogProvider> providers, string label)
    {
        var id = providers.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return providers.Find($"[id='{id}']");
    }

    public static IElement ButtonNamed<TComponent>(this IRenderedComponent<TComponent> rendered, string text)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        rendered.FindAll("button").Single(b => b.TextContent.Trim() == text);

    public static IReadOnlyList<string> ButtonTexts<TComponent>(this IRenderedComponent<TComponent> rendered)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        rendered.FindAll("button").Select(b => b.TextContent.Trim()).Where(t => t.Length > 0).ToList();
}
