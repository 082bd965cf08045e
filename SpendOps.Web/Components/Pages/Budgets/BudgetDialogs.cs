using MudBlazor;
using SpendOps.Core.Budgets;

namespace SpendOps.Web.Components.Pages.Budgets;

/// <summary>Opens the budget dialog with the same size from the list and the budget's page.</summary>
internal static class BudgetDialogs
{
    public static async Task<Budget?> EditAsync(IDialogService dialogs, Budget? budget)
    {
        var parameters = new DialogParameters<BudgetEditDialog>
        {
            { d => d.BudgetId, budget?.Id },
            { d => d.Input, budget is null ? new BudgetInput() : BudgetInput.From(budget) },
        };
        var dialog = await dialogs.ShowAsync<BudgetEditDialog>(budget is null ? "Create budget" : $"Edit budget {budget.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: Budget saved } ? saved : null;
    }
}
