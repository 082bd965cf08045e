using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Validates each job's sub-section (data annotations do not descend into nested objects) and reports every
/// failure with the configuration key to fix.
/// </summary>
internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        Check(options.Pricing, $"{JobsOptions.SectionName}:Pricing", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object? section, string key, List<string> failures)
    {
        if (section is null)
        {
            failures.Add($"{key} is missing.");
            return;
        }
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
            return;
        failures.AddRange(results.Select(r => $"{key}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
