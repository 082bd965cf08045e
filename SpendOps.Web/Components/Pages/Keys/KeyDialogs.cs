using Radzen;
using SpendOps.Core.Keys;

namespace SpendOps.Web.Components.Pages.Keys;

/// <summary>Opens the key dialogs with the same size and behaviour from the list and the edit page.</summary>
internal static class KeyDialogs
{
    public static async Task<CreatedApiKey?> CreateAsync(DialogService dialogs) =>
        await dialogs.OpenAsync<KeyCreateDialog>("Create API key", options: new DialogOptions
        {
            Width = "760px",
            CloseDialogOnEsc = true,
            AutoFocusFirstElement = false,
            CssClass = "key-dialog",
        }) as CreatedApiKey;

    /// <summary>
    /// Shows a new full key. Esc closes it like every dialog, but a click beside it does not, so a stray click cannot
    /// lose the key before it was copied.
    /// </summary>
    public static Task ShowOnceAsync(DialogService dialogs, CreatedApiKey created, bool rotated) =>
        dialogs.OpenAsync<KeyShownOnceDialog>(rotated ? "Key rotated: copy the new key" : "Key created: copy it now",
            new Dictionary<string, object?>
            {
                [nameof(KeyShownOnceDialog.FullKey)] = created.FullKey,
                [nameof(KeyShownOnceDialog.KeyId)] = created.Key.Id,
                [nameof(KeyShownOnceDialog.Providers)] = created.Key.Policy.AllowedProviders,
                [nameof(KeyShownOnceDialog.RequiredDims)] = created.Key.Policy.RequiredDims,
                [nameof(KeyShownOnceDialog.Rotated)] = rotated,
            },
            new DialogOptions { Width = "760px", CloseDialogOnEsc = true, CloseDialogOnOverlayClick = false, CssClass = "key-dialog" });
}
