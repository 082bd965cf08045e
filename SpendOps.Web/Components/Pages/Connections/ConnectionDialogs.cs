using Radzen;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Components.Pages.Connections;

/// <summary>Opens the connection dialogs with the same size and behaviour from the list and the detail page.</summary>
internal static class ConnectionDialogs
{
    /// <summary>
    /// The setup for a connection; with <paramref name="fullKey"/>, the one time that key is shown. Esc closes it like
    /// every dialog, but a click beside it does not, so a stray click cannot lose a key before it was copied.
    /// </summary>
    public static Task ShowSetupAsync(DialogService dialogs, string title, string endpoint, TelemetrySource source, string? fullKey) =>
        dialogs.OpenAsync<ConnectionSetupDialog>(title, new Dictionary<string, object?>
        {
            [nameof(ConnectionSetupDialog.Endpoint)] = endpoint,
            [nameof(ConnectionSetupDialog.Source)] = source,
            [nameof(ConnectionSetupDialog.FullKey)] = fullKey,
        }, Options("900px"));

    public static async Task<CreatedTelemetryConnection?> CreateAsync(DialogService dialogs) =>
        await dialogs.OpenAsync<ConnectionCreateDialog>("New telemetry connection", options: Options("640px")) as CreatedTelemetryConnection;

    private static DialogOptions Options(string width) => new() { Width = width, CloseDialogOnEsc = true, CloseDialogOnOverlayClick = false, CssClass = "connection-dialog" };
}
