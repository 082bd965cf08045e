using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Validates each job's sub-section (data annotations do not descend into nested objects) and that each interval is
/// one a cron schedule can keep (<see cref="CronSchedule"/>), and reports every failure with the configuration key to fix.
/// </summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        const string pricing = $"{JobsOptions.SectionName}:Pricing", retention = $"{JobsOptions.SectionName}:Retention";
        if (Check(options.Pricing, pricing, failures))
            CheckSchedule(options.PricingInterval, options.Pricing.IntervalSeconds, $"{pricing}:IntervalSeconds", failures);
        if (Check(options.Retention, retention, failures))
            CheckSchedule(options.RetentionInterval, options.Retention.IntervalMinutes, $"{retention}:IntervalMinutes", failures);
        const string budgets = $"{JobsOptions.SectionName}:Budgets";
        if (Check(options.Budgets, budgets, failures))
            CheckSchedule(options.BudgetsInterval, options.Budgets.IntervalSeconds, $"{budgets}:IntervalSeconds", failures);
        const string alertDispatch = $"{JobsOptions.SectionName}:AlertDispatch";
        if (Check(options.AlertDispatch, alertDispatch, failures))
            CheckSchedule(options.AlertDispatchInterval, options.AlertDispatch.IntervalSeconds, $"{alertDispatch}:IntervalSeconds", failures);
        const string reports = $"{JobsOptions.SectionName}:Reports";
        if (Check(options.Reports, reports, failures))
            CheckSchedule(options.Reports.Interval, options.Reports.IntervalMinutes, $"{reports}:IntervalMinutes", failures);
        const string rollups = $"{JobsOptions.SectionName}:Rollups";
        if (Check(options.Rollups, rollups, failures))
            CheckSchedule(options.RollupsInterval, options.Rollups.IntervalMinutes, $"{rollups}:IntervalMinutes", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool Check(object? section, string key, List<string> failures)
    {
        if (section is null)
        {
            failures.Add($"{key} is missing.");
            return false;
        }
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
            return true;
        failures.AddRange(results.Select(r => $"{key}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        return false;
    }

    private static void CheckSchedule(TimeSpan interval, int configured, string key, List<string> failures)
    {
        if (CronSchedule.FromInterval(interval) is null)
            failures.Add($"{key}: {configured} cannot be a recurring schedule; use {CronSchedule.Rule}.");
    }
}
