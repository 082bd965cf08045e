using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using SpendOps.Core;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;
using SpendOps.Web.Usage;

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
    private AlertStyle messageStyle = AlertStyle.Info;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private DialogService Dialogs { get; set; } = null!;

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
            Show(AlertStyle.Danger, allTenants ? "Only global administrators can re-rate every tenant." : "Only administrators can re-rate.");
            return;
        }
        var span = period.Resolve(Calendar, Clock.GetUtcNow());
        var request = new RerateRequest(span.From, span.To, allTenants ? null : await Tenant.GetTenantIdAsync(), provider,
            string.IsNullOrWhiteSpace(modelPattern) ? null : modelPattern.Trim());
        var preview = await RunAsync("Counting records…", prices => prices.PreviewRerateAsync(request, leaving));
        if (preview is null)
            return;
        if (preview.Examined == 0)
        {
            Show(AlertStyle.Info, "No calls in this period match; there is nothing to re-rate.");
            return;
        }
        if (preview.Changed == 0)
        {
            Show(AlertStyle.Info, $"All {UsageDisplay.Count(preview.Examined)} records in this period already have the current price; nothing would change.");
            return;
        }

        var confirmed = await Dialogs.Confirm(Summary(preview, span), "Re-rate this period?", new ConfirmOptions
        {
            OkButtonText = $"Re-rate {UsageDisplay.Count(preview.Changed)} records",
            CancelButtonText = "Cancel",
            CloseDialogOnEsc = true,
            Width = "560px",
        });
        if (confirmed != true)
            return;

        var actor = await Tenant.GetActorAsync();
        // Not cancelled when the page is left: the re-rate saves batch by batch, and stopping halfway would skip its audit entry.
        var result = await RunAsync("Re-rating…", prices => prices.RerateAsync(request, actor, CancellationToken.None));
        if (result is null)
            return;
        Show(AlertStyle.Success, $"Re-rated {UsageDisplay.Count(result.Changed)} of {UsageDisplay.Count(result.Examined)} records "
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
            Show(AlertStyle.Danger, e.Message);
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

    private RenderFragment Summary(RerateResult preview, SpendPeriod span) => builder =>
    {
        var difference = preview.CostAfter - preview.CostBefore;
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "rerate-summary");
        builder.OpenElement(2, "p");
        builder.AddContent(3, $"{UsageDisplay.Count(preview.Examined)} records from {span.FirstDay:yyyy-MM-dd} to {span.LastDay:yyyy-MM-dd} ({Calendar.Zone.Id})"
            + $"{(allTenants ? " of every tenant" : "")}; {UsageDisplay.Count(preview.Changed)} would change.");
        builder.CloseElement();
        builder.OpenElement(4, "p");
        builder.AddContent(5, $"Cost before: {UsageDisplay.Usd(preview.CostBefore)}. Cost after: {UsageDisplay.Usd(preview.CostAfter)} "
            + $"({(difference >= 0 ? "+" : "−")}{UsageDisplay.Usd(Math.Abs(difference))}).");
        builder.CloseElement();
        if (preview.FromReported > 0)
        {
            builder.OpenElement(8, "p");
            builder.AddContent(9, $"{UsageDisplay.Count(preview.FromReported)} of them now count at the cost their source reported (their model had no price) "
                + "and would move to our price.");
            builder.CloseElement();
        }
        builder.OpenElement(10, "p");
        builder.AddContent(11, "The change is recorded in the audit log. It can be undone only by correcting prices and re-rating again.");
        builder.CloseElement();
        builder.CloseElement();
    };

    private void Show(AlertStyle style, string text)
    {
        messageStyle = style;
        message = text;
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
