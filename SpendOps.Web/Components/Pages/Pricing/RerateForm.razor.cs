using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// Re-rates a period in two steps: a preview (<see cref="PriceService.PreviewRerateAsync"/>) whose numbers the
/// confirmation dialog shows, then the re-rate itself. Administrators re-rate their own tenant's records; a global
/// administrator may re-rate every tenant's after a catalog correction.
/// </summary>
public sealed partial class RerateForm : IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private PeriodChoice period = new(SpendPeriodKind.ThisMonth);
    private string? provider;
    private string? modelPattern;
    private bool allTenants;
    private bool busy;
    private string stage = "";
    private string? message;
    private Severity messageSeverity = Severity.Info;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Parameter, EditorRequired]
    public TenantCalendar Calendar { get; set; } = null!;

    [Parameter, EditorRequired]
    public DateOnly Today { get; set; }

    [Parameter]
    public bool CanRerateAllTenants { get; set; }

    /// <summary>Raised after a re-rate changed records.</summary>
    [Parameter]
    public EventCallback OnRerated { get; set; }

    private async Task PreviewAsync()
    {
        var leaving = disposed.Token;
        message = null;
        if (!await Authorization.AllowsAsync(Authentication, allTenants ? PortalPolicies.GlobalAdmin : PortalPolicies.Admin))
        {
            Show(Severity.Error, allTenants ? "Only global administrators can re-rate every tenant." : "Only administrators can re-rate.");
            return;
        }
        var span = period.Resolve(Calendar, Clock.GetUtcNow());
        var request = new RerateRequest(span.From, span.To, allTenants ? TenantScope.AllTenants : await Tenant.GetScopeAsync(), provider,
            string.IsNullOrWhiteSpace(modelPattern) ? null : modelPattern.Trim());
        var preview = await RunAsync("Counting records…", prices => prices.PreviewRerateAsync(request, leaving));
        if (preview is null)
            return;
        if (preview.Examined == 0)
        {
            Show(Severity.Info, "No calls in this period match; there is nothing to re-rate.");
            return;
        }
        if (preview.Changed == 0)
        {
            Show(Severity.Info, $"All {UsageDisplay.Count(preview.Examined)} records in this period already have the current price; nothing would change.");
            return;
        }

        var dialog = await Dialogs.ShowAsync<RerateConfirmDialog>("Re-rate this period?", new DialogParameters<RerateConfirmDialog>
        {
            { d => d.Preview, preview },
            { d => d.Period, span },
            { d => d.Zone, Calendar.Zone.Id },
            { d => d.AllTenants, allTenants },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false })
            return;

        var actor = await Tenant.GetActorAsync();
        // Not cancelled when the page is left: the re-rate saves batch by batch, and stopping halfway would skip its audit entry.
        var result = await RunAsync("Re-rating…", prices => prices.RerateAsync(request, actor, CancellationToken.None));
        if (result is null)
            return;
        Show(Severity.Success, $"Re-rated {UsageDisplay.Count(result.Changed)} of {UsageDisplay.Count(result.Examined)} records "
            + $"({UsageDisplay.Count(result.FromReported)} from a reported cost to our price): "
            + $"cost {UsageDisplay.Usd(result.CostBefore)} → {UsageDisplay.Usd(result.CostAfter)}.");
        await OnRerated.InvokeAsync();
    }

    private async Task<RerateResult?> RunAsync(string what, Func<PriceService, Task<RerateResult>> operation)
    {
        busy = true;
        stage = what;
        StateHasChanged();
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            return await operation(scope.ServiceProvider.GetRequiredService<PriceService>());
        }
        catch (DomainException e)
        {
            Show(Severity.Error, e.Message);
            return null;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The page was left during a preview: nothing changed and nobody is waiting for the answer.
            return null;
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(Severity severity, string text)
    {
        messageSeverity = severity;
        message = text;
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
