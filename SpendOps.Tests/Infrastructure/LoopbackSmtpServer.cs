using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MimeKit;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port: Debian's python3-aiosmtpd running <c>Fixtures/smtp/loopback_smtp.py</c>,
/// which insists on STARTTLS (a self-signed certificate made here, pinned by the client through
/// <see cref="CertificateSha256"/>) and on AUTH with <see cref="UserName"/> and <see cref="Password"/>, and writes each
/// message where <see cref="WaitForMessagesAsync"/> reads it.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string DebianModule = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";

    private readonly Process process;
    private readonly string folder;

    private LoopbackSmtpServer(Process process, string folder, int port, string certificateSha256)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
        CertificateSha256 = certificateSha256;
    }

    /// <summary>Why e-mail tests are skipped here, or null when they run (always in CI, where they must).</summary>
    public static string? SkipReason => (File.Exists(Python) && File.Exists(DebianModule)) || TestEnvironment.IsCi
        ? null
        : "python3-aiosmtpd not found: apt-get install -y python3-aiosmtpd";

    public int Port { get; }
    public string CertificateSha256 { get; }
    public string UserName => "alerts-sender";
    public string Password => "smtp-test-password";

    /// <summary>The <c>Alerts:Email</c> settings that reach this server.</summary>
    public Dictionary<string, string?> Settings(string from = "SpendOps <alerts@spendops.test>") => new()
    {
        ["Alerts:Email:Host"] = "127.0.0.1",
        ["Alerts:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Email:UseStartTls"] = "true",
        ["Alerts:Email:UserName"] = UserName,
        ["Alerts:Email:Password"] = Password,
        ["Alerts:Email:From"] = from,
        ["Alerts:Email:ServerCertificateSha256"] = CertificateSha256,
    };

    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var folder = TestEnvironment.TempDirectory("smtp");
        var mail = Directory.CreateDirectory(Path.Combine(folder, "mail")).FullName;
        var (certPath, keyPath, sha256) = WriteCertificate(folder);
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Fixtures", "smtp", "loopback_smtp.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), mail, certPath, keyPath, "alerts-sender", "smtp-test-password" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "READY")
        {
            process.Kill();
            throw new InvalidOperationException($"The SMTP server did not start: {await stderr}");
        }
        return new LoopbackSmtpServer(process, mail, port, sha256);
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived and returns all of them, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Directory.GetFiles(folder, "*.json").Length < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The SMTP server received {Directory.GetFiles(folder, "*.json").Length} messages, not {count}.");
            await Task.Delay(50);
        }
        return Messages();
    }

    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.GetFiles(folder, "*.json")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture))
            .Select(Read)
            .ToList();

    private static ReceivedMail Read(string metaPath)
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(metaPath));
        var root = meta.RootElement;
        return new ReceivedMail(
            root.GetProperty("mailFrom").GetString()!,
            root.GetProperty("rcptTos").EnumerateArray().Select(r => r.GetString()!).ToList(),
            root.GetProperty("tls").GetBoolean(),
            root.GetProperty("login").GetString(),
            MimeMessage.Load(Path.ChangeExtension(metaPath, ".eml")));
    }

    private static (string Cert, string Key, string Sha256) WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp.spendops.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("smtp.spendops.test");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certPath = Path.Combine(folder, "server.crt");
        var keyPath = Path.Combine(folder, "server.key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            process.Kill();
        }
        process.Dispose();
    }
}
