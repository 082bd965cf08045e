using MudBlazor;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>Opens the telemetry connection dialogs with the same size and behaviour from the list and the detail page.</summary>
internal static class TelemetryConnectionDialogs
{
    /// <summary>The new connection, or null when the dialog was cancelled.</summary>
    public static async Task<CreatedTelemetryConnection?> CreateAsync(IDialogService dialogs)
    {
        var dialog = await dialogs.ShowAsync<TelemetryConnectionCreateDialog>("New telemetry connection",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: CreatedTelemetryConnection created } ? created : null;
    }

    /// <summary>
    /// The setup for a connection; with <paramref name="fullKey"/>, the one time that key is shown. Esc closes it like
    /// every dialog, but a click beside it does not, so a stray click cannot lose a key before it was copied.
    /// </summary>
    public static async Task ShowSetupAsync(IDialogService dialogs, string title, string endpoint, TelemetrySource source, string? fullKey)
    {
        var dialog = await dialogs.ShowAsync<TelemetryConnectionSetupDialog>(title,
            new DialogParameters<TelemetryConnectionSetupDialog>
            {
                { d => d.Endpoint, endpoint },
                { d => d.Source, source },
                { d => d.FullKey, fullKey },
            },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        await dialog.Result;
    }

    /// <summary>One stored raw batch, decoded for reading.</summary>
    public static async Task ShowBatchBodyAsync(IDialogService dialogs, string title, Guid connectionId, long batchId)
    {
        var dialog = await dialogs.ShowAsync<TelemetryBatchBodyDialog>(title,
            new DialogParameters<TelemetryBatchBodyDialog> { { d => d.ConnectionId, connectionId }, { d => d.BatchId, batchId } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
    }
}
