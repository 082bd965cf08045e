using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Reads keys written by <see cref="AesGcmXmlEncryptor"/>. Public with an <see cref="IServiceProvider"/> constructor
/// because data protection creates it by the type name stored beside each key.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetRequiredService<KeyEncryptionSecret>().Key;
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (sealedBytes.Length < AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize)
            throw new CryptographicException("The stored data-protection key is truncated.");
        var plaintext = new byte[sealedBytes.Length - AesGcmXmlEncryptor.NonceSize - AesGcmXmlEncryptor.TagSize];
        using (var aes = new AesGcm(key, AesGcmXmlEncryptor.TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize, AesGcmXmlEncryptor.TagSize), plaintext);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
