namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// The columns of the FOCUS 1.2 file (FinOps Open Cost and Usage Specification,
/// https://focus.finops.org/focus-specification/v1-2/, columns in https://github.com/FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec
/// tag v1.2, specification/columns). Mandatory in 1.2: BilledCost, BillingAccountId, BillingAccountName, BillingCurrency,
/// BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargePeriodEnd,
/// ChargePeriodStart, ContractedCost, EffectiveCost, InvoiceIssuerName, ListCost, PricingQuantity, PricingUnit,
/// ProviderName, PublisherName, ServiceCategory, ServiceName. Then the recommended and conditional columns that apply
/// to metered API calls, and SpendOps' own columns with the <c>x_</c> prefix the specification reserves for them.
/// </summary>
public static class FocusColumns
{
    public static readonly IReadOnlyList<string> Mandatory =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost",
        "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName",
    ];

    public static readonly IReadOnlyList<string> Optional =
    [
        "ChargeFrequency", "ConsumedQuantity", "ConsumedUnit", "PricingCategory", "ServiceSubcategory", "SkuId", "SkuPriceId",
        "SubAccountId", "SubAccountName", "Tags",
    ];

    public static readonly IReadOnlyList<string> Custom =
    [
        "x_RequestId", "x_Timestamp", "x_Model", "x_ModelRequested", "x_TokenType", "x_Endpoint", "x_UsageSource", "x_Estimated",
        "x_CostSource", "x_PricingStatus", "x_PriceVersion", "x_PriceEffectiveFrom", "x_CorrectionReason",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Mandatory, .. Optional, .. Custom];
}
