namespace SpendOps.Core.Chargeback;

/// <summary>The allocation rule of a view; <see cref="Owner"/> is the value that receives the spend for <see cref="ChargebackAllocationKind.Owner"/>.</summary>
public sealed record ChargebackAllocation(ChargebackAllocationKind Kind, string? Owner = null)
{
    public static ChargebackAllocation None { get; } = new(ChargebackAllocationKind.None);

    /// <summary>Parses <c>none</c>, <c>proportional</c> or <c>owner:VALUE</c>.</summary>
    public static bool TryParse(string text, out ChargebackAllocation allocation)
    {
        allocation = None;
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return true;
        if (text.Equals("proportional", StringComparison.OrdinalIgnoreCase))
        {
            allocation = new ChargebackAllocation(ChargebackAllocationKind.Proportional);
            return true;
        }
        if (text.StartsWith("owner:", StringComparison.OrdinalIgnoreCase) && text.Length > 6)
        {
            allocation = new ChargebackAllocation(ChargebackAllocationKind.Owner, text[6..]);
            return true;
        }
        return false;
    }

    public override string ToString() => Kind switch
    {
        ChargebackAllocationKind.Proportional => "proportional",
        ChargebackAllocationKind.Owner => $"owner:{Owner}",
        _ => "none",
    };
}
