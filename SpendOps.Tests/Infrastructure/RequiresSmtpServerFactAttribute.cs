namespace SpendOps.Tests.Infrastructure;

/// <summary>An e-mail test against <see cref="LoopbackSmtpServer"/>. Skipped without python3-aiosmtpd, except in CI, where it must run.</summary>
public sealed class RequiresSmtpServerFactAttribute : FactAttribute
{
    public RequiresSmtpServerFactAttribute()
    {
        Skip = LoopbackSmtpServer.SkipReason;
    }
}
