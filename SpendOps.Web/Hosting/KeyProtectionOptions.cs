namespace SpendOps.Web.Hosting;

/// <summary>
/// The <c>DataProtection</c> section: how the keys behind sign-in cookies and antiforgery tokens are encrypted where
/// they are stored (the <c>DataProtectionKeys</c> table, shared by every instance).
/// </summary>
internal sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A secret the stored keys are encrypted with (AES-256-GCM); every instance of a deployment needs the same one.</summary>
    public string KeySecret { get; set; } = "";

    /// <summary>A PFX certificate whose key encrypts the stored keys instead (takes precedence over <see cref="KeySecret"/>).</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>Where a secret is generated (mode 0600) when neither a secret nor a certificate is configured.</summary>
    public string KeySecretFile { get; set; } = "data-protection.secret";
}
