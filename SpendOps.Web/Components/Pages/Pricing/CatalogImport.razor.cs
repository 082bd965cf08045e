using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using SpendOps.Core;
using SpendOps.Core.Pricing;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// Imports a LiteLLM-format catalog file chosen in the browser (<see cref="PriceService.ImportCatalogAsync"/>), up to
/// <see cref="MaxBytes"/>, and shows how many prices were added, unchanged and skipped.
/// </summary>
public sealed partial class CatalogImport : IDisposable
{
    private const long MaxBytes = 10 * 1024 * 1024;
    private static readonly long MaxMegabytes = MaxBytes / (1024 * 1024);
    private readonly CancellationTokenSource disposed = new();
    private IBrowserFile? file;
    private DateTime? effectiveFrom;
    private bool busy;
    private string? error;
    private string? importedName;
    private CatalogImportResult? result;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    /// <summary>Only global administrators: the catalog is shared by every tenant.</summary>
    [Parameter]
    public bool CanImport { get; set; }

    [Parameter]
    public EventCallback OnImported { get; set; }

    private void Choose(IBrowserFile? chosen)
    {
        file = chosen;
        if (file is null)
            return;
        result = null;
        error = file.Size > MaxBytes ? $"{file.Name} is {file.Size / (1024.0 * 1024):0.#} MB; the limit is {MaxMegabytes} MB." : null;
        if (error is not null)
            file = null;
    }

    private async Task ImportAsync()
    {
        if (file is null)
            return;
        var leaving = disposed.Token;
        busy = true;
        error = null;
        result = null;
        try
        {
            if (!await Authorization.AllowsAsync(Authentication, PortalPolicies.GlobalAdmin))
            {
                error = "Only global administrators can import a catalog.";
                return;
            }
            var actor = await Tenant.GetActorAsync();
            // Read the whole upload first: it arrives over the circuit in chunks, and the import should not hold a
            // database context open while the browser is still sending.
            using var buffer = new MemoryStream();
            await using (var upload = file.OpenReadStream(MaxBytes, leaving))
                await upload.CopyToAsync(buffer, leaving);
            buffer.Position = 0;
            await using var scope = Scopes.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<PriceService>().ImportCatalogAsync(
                buffer, actor, CancellationToken.None, PriceDisplay.FromUtcPicker(effectiveFrom));
            importedName = file.Name;
            await OnImported.InvokeAsync();
        }
        catch (DomainException e)
        {
            error = e.Message;
        }
        catch (IOException e)
        {
            error = $"The file could not be read: {e.Message}";
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The page was left during the upload; nothing was imported.
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
