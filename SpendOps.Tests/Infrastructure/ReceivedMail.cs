using MimeKit;

namespace SpendOps.Tests.Infrastructure;

/// <summary>A message as <see cref="LoopbackSmtpServer"/> received it: the envelope, how the session was secured, and the parsed message.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, bool Tls, string? Login, MimeMessage Message);
