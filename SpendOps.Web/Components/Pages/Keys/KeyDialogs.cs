using MudBlazor;
using SpendOps.Core.Keys;

namespace SpendOps.Web.Components.Pages.Keys;

/// <summary>Opens the key dialogs with the same size and behaviour from the list and the edit page.</summary>
internal static class KeyDialogs
{
    public static async Task<CreatedApiKey?> CreateAsync(IDialogService dialogs)
    {
        var dialog = await dialogs.ShowAsync<KeyCreateDialog>("Create API key",
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: CreatedApiKey created } ? created : null;
    }

    /// <summary>
    /// Shows a new full key. Esc closes it like every dialog, but a click beside it does not, so a stray click cannot
    /// lose the key before it was copied.
    /// </summary>
    public static async Task ShowOnceAsync(IDialogService dialogs, CreatedApiKey created, bool rotated)
    {
        var dialog = await dialogs.ShowAsync<KeyShownOnceDialog>(rotated ? "Key rotated: copy the new key" : "Key created: copy it now",
            new DialogParameters<KeyShownOnceDialog>
            {
                { d => d.FullKey, created.FullKey },
                { d => d.KeyId, created.Key.Id },
                { d => d.Providers, created.Key.Policy.AllowedProviders },
                { d => d.RequiredDims, created.Key.Policy.RequiredDims },
                { d => d.Rotated, rotated },
            },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        await dialog.Result;
    }
}
