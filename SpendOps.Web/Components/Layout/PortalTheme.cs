using MudBlazor;

namespace SpendOps.Web.Components.Layout;

/// <summary>The portal's colours: one palette for the light theme, one for the dark theme.</summary>
public static class PortalTheme
{
    /// <summary>
    /// The cookie that remembers the user's choice ("dark" or "light"). A cookie rather than localStorage: the server reads it
    /// while prerendering, so a dark page never flashes light first.
    /// </summary>
    public const string CookieName = "spendops-theme";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#5c6bc0",
            AppbarBackground = "#3f51b5",
            AppbarText = "#ffffff",
            Background = "#f7f7f9",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#9fa8da",
            AppbarBackground = "#1e1e2d",
            AppbarText = "#e6e6f0",
            Background = "#15151f",
            Surface = "#1e1e2d",
            DrawerBackground = "#1a1a27",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };

    /// <summary>The remembered choice from the request's cookie; null when the user has not chosen (follow the system).</summary>
    public static bool? FromCookie(string? value) => value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}
