using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;

namespace SpendOps.Web.Hosting;

/// <summary>
/// The 256-bit key that encrypts the stored data-protection keys, derived from <c>DataProtection:KeySecret</c> or,
/// when that is empty, from a secret generated once into <c>DataProtection:KeySecretFile</c> (readable by the app's
/// user only). A generated file suits one instance; several instances need the same configured secret.
/// </summary>
internal sealed partial class KeyEncryptionSecret(IOptions<KeyProtectionOptions> options, DataFolder dataFolder, ILogger<KeyEncryptionSecret> logger)
{
    private static readonly byte[] Purpose = "SpendOps data-protection key encryption"u8.ToArray();
    private readonly Lazy<byte[]> key = new(() => Derive(Secret(options.Value, dataFolder, logger)));

    public byte[] Key => key.Value;

    private static byte[] Derive(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: null, info: Purpose);

    private static string Secret(KeyProtectionOptions options, DataFolder dataFolder, ILogger logger)
    {
        if (options.KeySecret.Length > 0)
            return options.KeySecret;
        var path = dataFolder.Resolve(options.KeySecretFile);
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Created with its final mode, so the secret is never readable by others, not even for a moment.
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new StreamWriter(path, new UTF8Encoding(false), create);
            file.Write(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process sharing the data folder generated it first: use theirs.
            return File.ReadAllText(path).Trim();
        }
        LogGenerated(logger, path);
        return secret;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a secret for the sign-in keys in {Path}. Keep it with the database; several instances need DataProtection:KeySecret set to one shared secret.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
