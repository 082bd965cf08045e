using SpendOps.Core.Chargeback;

namespace SpendOps.Web.Components.Pages.Chargeback;

/// <summary>The names a chargeback's groupings go by on the page.</summary>
internal static class ChargebackLabels
{
    public static string Key(ChargebackKey key) => key.Kind switch
    {
        ChargebackKeyKind.Dimension => key.Dimension!,
        ChargebackKeyKind.Key => "API key",
        ChargebackKeyKind.Provider => "Provider",
        ChargebackKeyKind.Model => "Model",
        ChargebackKeyKind.Source => "Source",
        _ => "User",
    };
}
