using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;

namespace SpendOps.Core.Keys;

/// <summary>
/// The server secret of <see cref="KeyHasher"/>: <c>Keys:HashSecret</c> when set, otherwise the file
/// <c>Keys:HashSecretFile</c>, created with owner-only permissions on first start. Every instance on one database
/// must have the same secret, and losing it means every key must be rotated.
/// </summary>
public sealed partial class KeyHashSecret
{
    public const int MinBytes = 32;

    private KeyHashSecret(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    public static KeyHashSecret FromBytes(byte[] bytes) =>
        bytes.Length >= MinBytes ? new KeyHashSecret(bytes) : throw new ArgumentException($"A hash secret has at least {MinBytes} bytes.", nameof(bytes));

    public static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written >= MinBytes)
        {
            bytes = bytes[..written];
            return true;
        }
        bytes = [];
        return false;
    }

    internal static KeyHashSecret Load(IOptions<KeyOptions> options, DataFolder dataFolder, ILogger<KeyHashSecret> logger)
    {
        var configured = options.Value.HashSecret;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // The validator has already refused a bad value at start; this is for hosts that skip validation.
            return TryDecode(configured, out var bytes)
                ? new KeyHashSecret(bytes)
                : throw new InvalidOperationException($"Keys:HashSecret must be base64 of at least {MinBytes} random bytes.");
        }
        var path = dataFolder.Resolve(options.Value.HashSecretFile);
        if (!File.Exists(path) && TryCreate(path))
            LogCreated(logger, path);
        return TryDecode(File.ReadAllText(path), out var stored)
            ? new KeyHashSecret(stored)
            : throw new InvalidOperationException($"The key hash secret file {path} does not hold base64 of at least {MinBytes} bytes. Restore it from a backup, or set Keys:HashSecret.");
    }

    /// <summary>Writes a new secret to a private temporary file and moves it into place, so a second instance starting at
    /// the same moment reads either no file or a whole one. False when another process created it first.</summary>
    private static bool TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, file))
            writer.Write(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinBytes)));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Created the key hash secret {Path}; back it up (without it every key must be rotated); every instance on this database must share it (or set Keys:HashSecret)")]
    private static partial void LogCreated(ILogger logger, string path);
}
