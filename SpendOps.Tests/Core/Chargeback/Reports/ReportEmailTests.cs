using Microsoft.EntityFrameworkCore;
using MimeKit;
using SpendOps.Tests.Core.Alerts;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

/// <summary>A scheduled report e-mailed with its files through a real SMTP server on loopback (STARTTLS and AUTH).</summary>
public sealed class ReportEmailTests : IAsyncLifetime
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
    public async Task Job_ScheduleWithRecipients_ServerReceivesTheFilesAsAttachments()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero));
        using var host = await AlertsTestHost.CreateAsync(database, smtp!.Settings("SpendOps <reports@spendops.test>"), clock);
        var seed = await ReportJobScenarios.SeedNewYorkAsync(host, "mailed");
        await ReportJobScenarios.CreateScheduleAsync(host, seed.TenantId, "finance-monthly", "csv,xlsx", "finance@example.com", "cfo@example.com");

        clock.Now = new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.Zero);
        Assert.Single(await ReportJobScenarios.Producer(host).ProduceDueAsync(CancellationToken.None));

        var mail = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.True(mail.Tls);
        Assert.Equal("reports@spendops.test", mail.MailFrom);
        Assert.Equal(["finance@example.com", "cfo@example.com"], mail.Recipients);
        Assert.Equal("[SpendOps] finance-monthly: chargeback 2026-11-01 to 2026-11-30", mail.Message.Subject);
        Assert.Contains("Total: $12.99", mail.Message.TextBody);
        var attachments = mail.Message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["finance-monthly-2026-11-01-to-2026-11-30.csv", "finance-monthly-2026-11-01-to-2026-11-30.xlsx"], attachments.Select(a => a.FileName).Order());
        using var csv = new MemoryStream();
        await attachments.Single(a => a.FileName!.EndsWith(".csv", StringComparison.Ordinal)).Content!.DecodeToAsync(csv);
        var table = CsvTable.Parse(System.Text.Encoding.UTF8.GetString(csv.ToArray()));
        Assert.Equal(12.99m, FocusFileRules.Decimal(table.Rows[^1]["cost_usd"]));

        await using var db = await host.CreateContextAsync();
        var run = await db.ReportRuns.SingleAsync();
        Assert.Equal((clock.Now, (string?)null), (run.EmailedAt, run.EmailError));
    }
}
