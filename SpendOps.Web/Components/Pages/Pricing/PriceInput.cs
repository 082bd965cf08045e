using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Pricing;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// The price form. Saving always adds a new <see cref="ModelPrice"/> version; rates the form does not show
/// (audio, image, search fees) are carried over from the version it started from.
/// </summary>
public sealed class PriceInput
{
    private const string MaxRate = "1000000";

    /// <summary>True: the price applies to the signed-in user's tenant only; false: the catalog everyone pays.</summary>
    public bool ForTenant { get; set; }

    public string? Provider { get; set; }

    [Required(ErrorMessage = "Enter the model as the provider reports it, e.g. gpt-4.1.")]
    [StringLength(200, ErrorMessage = "The model must be at most 200 characters.")]
    public string ModelKey { get; set; } = "";

    public string? ServiceTier { get; set; }

    /// <summary>UTC; empty lets the service choose (first price: all past calls; a new version: from now).</summary>
    public DateTime? EffectiveFromUtc { get; set; }

    [Required(ErrorMessage = "Enter the input price (0 if free).")]
    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000 USD per million tokens.")]
    public decimal? InputPerMTok { get; set; }

    [Required(ErrorMessage = "Enter the output price (0 if free).")]
    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000 USD per million tokens.")]
    public decimal? OutputPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? CacheReadPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? CacheWrite5mPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? CacheWrite1hPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? ReasoningPerMTok { get; set; }

    [Range(1L, long.MaxValue, ErrorMessage = "A positive number of prompt tokens, e.g. 200000, or empty.")]
    public long? ThresholdTokens { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? InputAboveThresholdPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000, or empty.")]
    public decimal? OutputAboveThresholdPerMTok { get; set; }

    [Range(typeof(decimal), "0", MaxRate, ErrorMessage = "Between 0 and 1,000,000 USD per request, or empty.")]
    public decimal? RequestFee { get; set; }

    [StringLength(500, ErrorMessage = "The note must be at most 500 characters.")]
    public string? Note { get; set; }

    /// <summary>A form for a new version of <paramref name="template"/>, or a new price pre-filled with a provider and model.</summary>
    public static PriceInput For(ModelPrice? template, bool forTenant, string? provider = null, string? model = null) => template is null
        ? new PriceInput { ForTenant = forTenant, Provider = provider, ModelKey = model ?? "" }
        : new PriceInput
        {
            ForTenant = template.TenantId is not null,
            Provider = template.Provider,
            ModelKey = template.ModelKey,
            ServiceTier = template.ServiceTier,
            InputPerMTok = template.InputPerMTok,
            OutputPerMTok = template.OutputPerMTok,
            CacheReadPerMTok = template.CacheReadPerMTok,
            CacheWrite5mPerMTok = template.CacheWrite5mPerMTok,
            CacheWrite1hPerMTok = template.CacheWrite1hPerMTok,
            ReasoningPerMTok = template.ReasoningPerMTok,
            ThresholdTokens = template.ThresholdTokens,
            InputAboveThresholdPerMTok = template.InputAboveThresholdPerMTok,
            OutputAboveThresholdPerMTok = template.OutputAboveThresholdPerMTok,
            RequestFee = template.RequestFee,
            Note = template.Note,
        };

    /// <summary>The row to save: this form over a copy of <paramref name="template"/>'s other rates.</summary>
    public ModelPrice ToPrice(ModelPrice? template, Guid tenantId, string actor) => new()
    {
        TenantId = ForTenant ? tenantId : null,
        Provider = string.IsNullOrWhiteSpace(Provider) ? null : Provider,
        ModelKey = ModelKey,
        ServiceTier = ServiceTier,
        InputPerMTok = InputPerMTok ?? 0m,
        OutputPerMTok = OutputPerMTok ?? 0m,
        CacheReadPerMTok = CacheReadPerMTok,
        CacheWrite5mPerMTok = CacheWrite5mPerMTok,
        CacheWrite1hPerMTok = CacheWrite1hPerMTok,
        ReasoningPerMTok = ReasoningPerMTok,
        ThresholdTokens = ThresholdTokens,
        InputAboveThresholdPerMTok = InputAboveThresholdPerMTok,
        OutputAboveThresholdPerMTok = OutputAboveThresholdPerMTok,
        RequestFee = RequestFee,
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        AudioInputPerMTok = template?.AudioInputPerMTok,
        AudioOutputPerMTok = template?.AudioOutputPerMTok,
        ImageInputPerMTok = template?.ImageInputPerMTok,
        ImageOutputPerMTok = template?.ImageOutputPerMTok,
        // Carried-over above-threshold cache rates go with the threshold: clearing it ends the long-context tier.
        CacheReadAboveThresholdPerMTok = ThresholdTokens is null ? null : template?.CacheReadAboveThresholdPerMTok,
        CacheWrite5mAboveThresholdPerMTok = ThresholdTokens is null ? null : template?.CacheWrite5mAboveThresholdPerMTok,
        CacheWrite1hAboveThresholdPerMTok = ThresholdTokens is null ? null : template?.CacheWrite1hAboveThresholdPerMTok,
        SearchFeeLow = template?.SearchFeeLow,
        SearchFeeMedium = template?.SearchFeeMedium,
        SearchFeeHigh = template?.SearchFeeHigh,
        SearchFeePerRequest = template?.SearchFeePerRequest ?? false,
        Source = PriceSource.Manual,
        CreatedBy = actor,
    };
}
