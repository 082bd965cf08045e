namespace SpendOps.Core.Telemetry;

/// <summary>A Claude Code session as one sender sent it: the session id and the install (<c>user.id</c>) it came from, if given.</summary>
internal sealed record SenderSession(string SessionId, string? InstallId);
