using SpendOps.Core.Alerts;

namespace SpendOps.Core.Budgets;

/// <summary>Checks a budget before it is saved and returns it in canonical form; every message says what to fix.</summary>
public static class BudgetValidator
{
    public const int MaxNameLength = 100;
    public const decimal MaxAmountUsd = 1_000_000_000m;
    public const int MaxThresholdPercent = 1000;
    public const int MaxThresholds = 10;
    public const int MaxRecipients = 20;

    public static BudgetDefinition Normalize(BudgetDefinition definition)
    {
        var name = definition.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
            throw new DomainException($"Budget name must be 1 to {MaxNameLength} characters.");
        if (definition.AmountUsd <= 0 || definition.AmountUsd > MaxAmountUsd)
            throw new DomainException("Budget amount must be more than $0 and at most $1,000,000,000.");
        if (decimal.Round(definition.AmountUsd, 2) != definition.AmountUsd)
            throw new DomainException("Budget amount must be in dollars and cents (at most two decimals), e.g. 500 or 49.99.");
        if (!Enum.IsDefined(definition.Period))
            throw new DomainException($"Invalid period: write {BudgetPeriodText.Syntax}.");
        int? rollingDays = null;
        if (definition.Period == BudgetPeriodKind.Rolling)
        {
            if (definition.RollingDays is not (>= 1 and <= BudgetPeriodText.MaxRollingDays))
                throw new DomainException($"A rolling period needs 1 to {BudgetPeriodText.MaxRollingDays} days.");
            rollingDays = definition.RollingDays;
        }
        if (!Enum.IsDefined(definition.Action))
            throw new DomainException("Invalid action: alert only or block at 100 %.");

        var thresholds = definition.Thresholds.Distinct().Order().ToList();
        if (thresholds.Count == 0)
            throw new DomainException("A budget needs at least one threshold, e.g. 50,80,100.");
        if (thresholds.Count > MaxThresholds)
            throw new DomainException($"A budget has at most {MaxThresholds} thresholds.");
        if (thresholds.Any(t => t is < 1 or > MaxThresholdPercent))
            throw new DomainException($"Thresholds are whole percentages from 1 to {MaxThresholdPercent}, e.g. 50,80,100.");

        var recipients = definition.Recipients.Select(r => r.Trim()).Where(r => r.Length > 0)
            .Select(r => AlertRecipient.Parse(r).ToString()).Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count > MaxRecipients)
            throw new DomainException($"A budget notifies at most {MaxRecipients} recipients.");

        // Re-reading the terms checks a scope built in code the same way as one typed in the CLI.
        var scope = BudgetScopeTerms.Parse(definition.Scope.ToTerms());
        return definition with { Name = name, RollingDays = rollingDays, Scope = scope, Thresholds = thresholds, Recipients = recipients };
    }

    /// <summary>"50,80,100" as typed in the CLI or the portal.</summary>
    public static IReadOnlyList<int> ParseThresholds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var thresholds = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.TrimEnd('%').Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var percent))
                throw new DomainException($"Invalid threshold '{part}': write whole percentages separated by commas, e.g. 50,80,100.");
            thresholds.Add(percent);
        }
        return thresholds;
    }
}
