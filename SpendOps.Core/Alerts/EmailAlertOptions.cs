namespace SpendOps.Core.Alerts;

/// <summary><c>Alerts:Email</c>: the SMTP server alert e-mails are sent through. No <see cref="Host"/>: e-mail is off.</summary>
public sealed class EmailAlertOptions
{
    public string? Host { get; set; }

    /// <summary>587 (submission with STARTTLS) unless the relay says otherwise.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS and refuse servers that do not offer it. Off only for a relay on
    /// the same host or network that cannot do TLS.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Set both or neither; the password belongs in the environment (<c>Alerts__Email__Password</c>) or a secret store.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>SpendOps &lt;alerts@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>
    /// Accept the server's certificate when its SHA-256 fingerprint (hex) is this one, even if no trusted authority
    /// signed it: an internal relay with a self-signed certificate. Empty: the system's trust store decides.
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
