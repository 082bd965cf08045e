using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;

namespace SpendOps.Web.Hosting;

internal static class DataProtectionServiceCollectionExtensions
{
    /// <summary>Fixed so that every instance (and every release) reads the same keys and accepts the same cookies.</summary>
    public const string ApplicationName = "SpendOps";

    /// <summary>
    /// Keys for sign-in cookies and antiforgery tokens in the database (shared by every instance, kept across restarts),
    /// encrypted at rest: with the certificate of <c>DataProtection:CertificatePath</c> (read at start, like any
    /// deployment setting), else with a secret (<see cref="KeyEncryptionSecret"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSpendOpsDataProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.SectionName);
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<SpendOpsDbContext>();

        var section = builder.Configuration.GetSection(KeyProtectionOptions.SectionName);
        if (section[nameof(KeyProtectionOptions.CertificatePath)] is { Length: > 0 } path)
        {
            var certificate = LoadCertificate(path, section[nameof(KeyProtectionOptions.CertificatePassword)]);
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            return builder;
        }
        services.TryAddSingleton<KeyEncryptionSecret>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyEncryptionSetup>();
        return builder;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: cannot read the certificate '{path}': {ex.Message}", ex);
        }
    }
}
