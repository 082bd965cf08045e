using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Pricing;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>The discount form: a percentage off catalog prices for the tenant, for a provider, a model pattern, or everything.</summary>
public sealed class DiscountInput
{
    public string? Provider { get; set; }

    [StringLength(200, ErrorMessage = "The model pattern must be at most 200 characters.")]
    public string? ModelPattern { get; set; }

    [Required(ErrorMessage = "Enter a percentage; 0 ends the discount of this scope.")]
    [Range(typeof(decimal), "0", "100", ErrorMessage = "A discount is between 0 and 100 percent.")]
    public decimal? Percent { get; set; }

    /// <summary>UTC; empty means from now.</summary>
    public DateTime? EffectiveFromUtc { get; set; }

    [StringLength(500, ErrorMessage = "The note must be at most 500 characters.")]
    public string? Note { get; set; }

    /// <summary>A form for the same scope as <paramref name="current"/> (to change or end it), or an empty one.</summary>
    public static DiscountInput For(PriceDiscount? current, decimal? percent) => new()
    {
        Provider = current?.Provider,
        ModelPattern = current?.ModelPattern,
        Percent = percent,
    };

    public PriceDiscount ToDiscount(Guid tenantId, string actor) => new()
    {
        TenantId = tenantId,
        Provider = string.IsNullOrWhiteSpace(Provider) ? null : Provider,
        ModelPattern = ModelPattern,
        Percent = Percent ?? 0m,
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        CreatedBy = actor,
    };
}
