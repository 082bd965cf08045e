namespace SpendOps.Core.Keys;

public enum ApiKeyStatus
{
    Active = 0,
    Disabled = 1,
}
