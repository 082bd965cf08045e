using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Encrypts stored keys with the secret (<see cref="KeyEncryptionSecret"/>), set when data protection first needs its
/// options, so that a secret added to the configuration by a host after registration counts.
/// </summary>
internal sealed class KeyEncryptionSetup(KeyEncryptionSecret secret) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlEncryptor = new AesGcmXmlEncryptor(secret);
}
