using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Encrypts a data-protection key's XML with AES-256-GCM before it is stored. The built-in encryptors are DPAPI
/// (Windows only) and certificates; this one needs only a secret in the configuration.
/// </summary>
internal sealed class AesGcmXmlEncryptor(KeyEncryptionSecret secret) : IXmlEncryptor
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secret.Key, TagSize))
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        CryptographicOperations.ZeroMemory(plaintext);

        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM under DataProtection:KeySecret (or the generated secret file): nonce, tag, ciphertext "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}
