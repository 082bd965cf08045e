using System.ComponentModel.DataAnnotations;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;

namespace SpendOps.Web.Components.Pages.Budgets;

/// <summary>
/// The budget form's fields as typed: scope terms and recipients one per line, thresholds comma-separated. Checked with
/// the parsers and the validator the service uses, so the form shows the message the save would give, next to the field.
/// </summary>
public sealed class BudgetInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the budget a name.")]
    [StringLength(BudgetValidator.MaxNameLength, ErrorMessage = "Budget name must be 1 to 100 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter an amount in USD.")]
    [Range(typeof(decimal), "0.01", "1000000000", ErrorMessage = "Budget amount must be more than $0 and at most $1,000,000,000.")]
    public decimal? AmountUsd { get; set; }

    public BudgetPeriodKind Period { get; set; } = BudgetPeriodKind.Month;

    [Range(1, BudgetPeriodText.MaxRollingDays, ErrorMessage = "A rolling period needs 1 to 366 days.")]
    public int? RollingDays { get; set; } = 30;

    /// <summary>One term per line (<c>dim:team=backend</c>); empty: the whole tenant.</summary>
    public string Scope { get; set; } = "";

    public string Thresholds { get; set; } = "50, 80, 100";

    public bool Block { get; set; }

    /// <summary>One recipient per line (<c>email:lead@example.com</c>).</summary>
    public string Recipients { get; set; } = "";

    public static BudgetInput From(Budget budget) => new()
    {
        Name = budget.Name,
        AmountUsd = budget.AmountUsd,
        Period = budget.Period,
        RollingDays = budget.RollingDays ?? 30,
        Scope = string.Join('\n', budget.Scope.ToTerms()),
        Thresholds = string.Join(", ", budget.Thresholds),
        Block = budget.Action == BudgetAction.Block,
        Recipients = string.Join('\n', budget.Recipients),
    };

    /// <summary>The definition to save; throws <see cref="DomainException"/> for text that does not parse.</summary>
    public BudgetDefinition ToDefinition() => new(
        Name,
        AmountUsd ?? 0m,
        Period,
        Period == BudgetPeriodKind.Rolling ? RollingDays : null,
        BudgetScopeTerms.Parse(Lines(Scope)),
        BudgetValidator.ParseThresholds(Thresholds),
        Block ? BudgetAction.Block : BudgetAction.AlertOnly,
        Lines(Recipients));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Period == BudgetPeriodKind.Rolling && RollingDays is null)
            yield return new ValidationResult("A rolling period needs 1 to 366 days.", [nameof(RollingDays)]);
        if (Check(() => BudgetScopeTerms.Parse(Lines(Scope))) is { } scope)
            yield return new ValidationResult(scope, [nameof(Scope)]);
        if (Check(() => BudgetValidator.Normalize(Definition(BudgetValidator.ParseThresholds(Thresholds), []))) is { } thresholds)
            yield return new ValidationResult(thresholds, [nameof(Thresholds)]);
        foreach (var line in Lines(Recipients))
        {
            if (!AlertRecipient.TryParse(line, out _, out var error))
                yield return new ValidationResult(error, [nameof(Recipients)]);
        }
    }

    // A definition that is valid except for the thresholds, to check them with the service's own rules.
    private static BudgetDefinition Definition(IReadOnlyList<int> thresholds, IReadOnlyList<string> recipients) =>
        new("x", 1m, BudgetPeriodKind.Day, null, BudgetScope.Tenant, thresholds, BudgetAction.AlertOnly, recipients);

    private static string? Check(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private static List<string> Lines(string text) =>
        text.Split(['\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
