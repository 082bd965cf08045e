using MimeKit;
using SpendOps.Core.Alerts;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>Alert e-mails through a real SMTP server on loopback (python3-aiosmtpd) that requires STARTTLS and AUTH.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private LoopbackSmtpServer? smtp;

    public async Task InitializeAsync()
    {
        if (LoopbackSmtpServer.SkipReason is null)
            smtp = await LoopbackSmtpServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (smtp is not null)
            await smtp.DisposeAsync();
        await database.DisposeAsync();
    }

    [RequiresSmtpServerFact]
    public async Task Dispatch_EmailRecipient_ServerReceivesOneMessageOverStartTls()
    {
        using var host = await AlertsTestHost.CreateAsync(database, smtp!.Settings());
        var tenant = await host.AddTenantAsync("acme");
        var alertId = Guid.NewGuid();
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start, alertId), "email:lead@example.com");

        var result = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Sent);
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.True(mail.Tls);
        Assert.Equal("alerts-sender", mail.Login);
        Assert.Equal("alerts@spendops.test", mail.MailFrom);
        Assert.Equal(["lead@example.com"], mail.Recipients);
        var message = mail.Message;
        Assert.Equal("[SpendOps] Budget \"team-backend\" reached 80% ($400.00 of $500.00)", message.Subject);
        var from = message.From.Mailboxes.Single();
        Assert.Equal(("SpendOps", "alerts@spendops.test"), (from.Name, from.Address));
        Assert.Equal("lead@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal(alertId.ToString(), message.Headers["X-SpendOps-Alert-Id"]);
        Assert.Equal(
            "Budget \"team-backend\" reached 80% ($400.00 of $500.00).\n\n"
            + "Budget: team-backend\n"
            + "Spent: $400.00 of $500.00 (80%)\n"
            + "Forecast: $612.40 by the end of the period\n"
            + "Period: 2026-12-01 00:00 to 2027-01-01 00:00 (UTC)\n"
            + "Tenant: acme\n\n"
            + "Open in SpendOps: https://spendops.example.com/alerts\n\n"
            + $"Alert {alertId}\n",
            message.TextBody?.ReplaceLineEndings("\n"));
        Assert.Contains("<h2 style=\"font-size: 18px\">Budget &quot;team-backend&quot; reached 80% ($400.00 of $500.00)</h2>", message.HtmlBody);
        Assert.Contains("<tr><th align=\"left\">Spent</th><td>$400.00 of $500.00 (80%)</td></tr>", message.HtmlBody);
        Assert.Contains("<a href=\"https://spendops.example.com/alerts\">Open in SpendOps</a>", message.HtmlBody);
        Assert.Equal(AlertDeliveryStatus.Sent, Assert.Single(await host.DeliveriesAsync()).Status);
    }

    [RequiresSmtpServerFact]
    public async Task Dispatch_WrongSmtpPassword_RetriedWithTheServersAnswerAndNoSecret()
    {
        var settings = smtp!.Settings();
        settings["Alerts:Email:Password"] = "not-the-password";
        using var host = await AlertsTestHost.CreateAsync(database, settings);
        var tenant = await host.AddTenantAsync("acme");
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), "email:lead@example.com");

        var result = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Retrying);
        Assert.Empty(smtp.Messages());
        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.StartsWith($"The SMTP server 127.0.0.1:{smtp.Port} refused the credentials of Alerts:Email:UserName:", delivery.LastError);
        Assert.DoesNotContain("not-the-password", delivery.LastError);
    }

    [Fact]
    public async Task Dispatch_NoSmtpConfigured_FailsAtOnceNamingTheSettings()
    {
        using var host = await AlertsTestHost.CreateAsync(database);
        var tenant = await host.AddTenantAsync("acme");
        await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), "email:lead@example.com");

        var result = await host.Dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, result.Failed);
        var delivery = Assert.Single(await host.DeliveriesAsync());
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
        Assert.Equal("E-mail is not configured: set Alerts:Email:Host and Alerts:Email:From (see README, Notifications).", delivery.LastError);
    }
}
