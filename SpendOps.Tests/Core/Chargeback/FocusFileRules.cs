using System.Globalization;
using System.Text.Json;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>
/// Checks a FOCUS 1.2 file column by column against the specification's rules for the columns it has (presence,
/// nullability, allowed values, types and formats, cost consistency). Written from the specification's column pages,
/// not from the writer, so a writer bug cannot agree with itself.
/// </summary>
internal static class FocusFileRules
{
    private static readonly string[] MandatoryColumns =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost",
        "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName",
    ];

    private static readonly string[] ChargeCategories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];
    private static readonly string[] ChargeFrequencies = ["One-Time", "Recurring", "Usage-Based"];
    private static readonly string[] PricingCategories = ["Standard", "Dynamic", "Committed", "Other"];

    public static void AssertValid(CsvTable focus)
    {
        foreach (var column in MandatoryColumns)
            Assert.Contains(column, focus.Header);
        // Custom columns carry the x_ prefix; every other column is a FOCUS column id (PascalCase, letters only).
        Assert.All(focus.Header, c => Assert.True(c.StartsWith("x_", StringComparison.Ordinal) || c.All(char.IsAsciiLetter) && char.IsUpper(c[0]), c));
        Assert.Equal(focus.Header.Count, focus.Header.Distinct().Count());

        foreach (var row in focus.Rows)
        {
            foreach (var column in new[] { "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
                "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ProviderName",
                "PublisherName", "ServiceCategory", "ServiceName", "ChargeFrequency", "ServiceSubcategory" })
                Assert.False(row[column] is null, $"{column} must not be null");
            var billed = Decimal(row["BilledCost"]);
            var effective = Decimal(row["EffectiveCost"]);
            var contracted = Decimal(row["ContractedCost"]);
            var list = Decimal(row["ListCost"]);
            Assert.Equal("USD", row["BillingCurrency"]);
            Assert.Contains(row["ChargeCategory"], ChargeCategories);
            Assert.True(row["ChargeClass"] is null or "Correction");
            Assert.Contains(row["ChargeFrequency"], ChargeFrequencies);
            Assert.Equal("AI and Machine Learning", row["ServiceCategory"]);
            Assert.Equal("Generative AI", row["ServiceSubcategory"]);
            Assert.Contains(row["PricingCategory"], PricingCategories);

            var periodStart = Date(row["BillingPeriodStart"]);
            var periodEnd = Date(row["BillingPeriodEnd"]);
            var chargeStart = Date(row["ChargePeriodStart"]);
            var chargeEnd = Date(row["ChargePeriodEnd"]);
            Assert.True(periodStart < periodEnd);
            Assert.True(chargeStart < chargeEnd);
            if (row["ChargeClass"] is null)
                Assert.True(chargeStart >= periodStart && chargeEnd <= periodEnd, "the charge period lies in the billing period");
            else
                // A correction to a previously invoiced billing period: its charge period is the corrected charge's, before this one.
                Assert.True(chargeEnd <= periodStart, "a correction's charge period lies before the billing period");
            Assert.Equal(row["ChargeClass"] is not null, row["x_CorrectionReason"] is not null);

            if (row["ChargeCategory"] == "Usage" && row["ChargeClass"] is null)
            {
                // No commitments are amortized: what is billed is what the usage costs.
                Assert.Equal(billed, effective);
                Assert.Equal(billed, contracted);
                Assert.True(list >= billed, "list cost is before discounts");
                Assert.True(Decimal(row["PricingQuantity"]) >= 0m);
                Assert.NotNull(row["PricingUnit"]);
                Assert.True(Decimal(row["ConsumedQuantity"]) >= 0m);
                Assert.NotNull(row["ConsumedUnit"]);
                Assert.NotNull(row["SkuId"]);
                Assert.NotNull(row["SkuPriceId"]);
                Assert.StartsWith(row["SkuId"]!, row["SkuPriceId"]!, StringComparison.Ordinal);
            }
            if (row["ChargeClass"] == "Correction")
            {
                // The difference to what was billed: any sign, and the same in every cost column (no commitments).
                Assert.Equal(billed, effective);
                Assert.Equal(billed, contracted);
                Assert.True(billed != 0m || list != 0m, "a correction corrects something");
                // Quantities may be null in corrections; ours are (the usage did not change, its cost did).
                Assert.Null(row["PricingQuantity"]);
                Assert.Null(row["ConsumedQuantity"]);
                Assert.NotNull(row["SkuId"]);
                Assert.StartsWith(row["SkuId"]!, row["SkuPriceId"]!, StringComparison.Ordinal);
            }
            Assert.Equal(row["PricingQuantity"] is null, row["PricingUnit"] is null);
            Assert.Equal(row["ConsumedQuantity"] is null, row["ConsumedUnit"] is null);
            if (row["Tags"] is { } tags)
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(tags).RootElement.ValueKind);
        }
        // One SKU per provider + model + token class.
        Assert.All(focus.Rows.GroupBy(r => r["SkuId"]), sku =>
            Assert.Single(sku.Select(r => (r["x_Model"], r["x_TokenType"], r["ProviderName"])).Distinct()));
    }

    /// <summary>FOCUS NumericFormat: digits with an optional sign and dot, no exponent, no thousands separators.</summary>
    public static decimal Decimal(string? value)
    {
        Assert.NotNull(value);
        Assert.Matches(@"^-?\d+(\.\d+)?$", value);
        return decimal.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>FOCUS DateTimeFormat: ISO 8601 in UTC, <c>YYYY-MM-DDTHH:mm:ssZ</c>.</summary>
    public static DateTimeOffset Date(string? value)
    {
        Assert.NotNull(value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", value);
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
    }
}
