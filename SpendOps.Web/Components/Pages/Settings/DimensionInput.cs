using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Components.Pages.Settings;

/// <summary>The catalogue entry form; the same rules as <see cref="TenantDimsRules"/>, shown inline before saving.</summary>
public sealed class DimensionInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the dimension's name, e.g. team or user.")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Use 1 to 64 letters, digits, '_', '-' or '.' (no spaces).")]
    public string Name { get; set; } = "";

    [StringLength(TenantDimsRules.MaxDescriptionLength, ErrorMessage = "The description must be at most 500 characters.")]
    public string? Description { get; set; }

    public bool Required { get; set; }

    /// <summary>One value per line or comma-separated; empty means free text.</summary>
    public string? Values { get; set; }

    public IReadOnlyList<string> ValueList =>
        (Values ?? "").Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public static DimensionInput From(TenantDimension entry) => new()
    {
        Name = entry.Name,
        Description = entry.Description,
        Required = entry.Required,
        Values = string.Join(", ", entry.AllowedValues),
    };

    public TenantDimensionInput ToInput() => new(Name, Description, Required, ValueList);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var values = ValueList;
        if (values.FirstOrDefault(v => !Dimensions.IsValidValue(v)) is { } bad)
            yield return new ValidationResult($"'{bad}' is not a valid value: at most {Dimensions.MaxValueLength} printable characters.", [nameof(Values)]);
        if (values.Count > TenantDimsRules.MaxValues)
            yield return new ValidationResult($"At most {TenantDimsRules.MaxValues} values; leave empty for free text.", [nameof(Values)]);
    }
}
