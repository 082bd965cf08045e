using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using SpendOps.Core.Alerts;
using SpendOps.Core.Alerts.Channels;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>E-mails a report run's files to the schedule's recipients through the SMTP server of <c>Alerts:Email</c>.</summary>
internal sealed class ReportMailer(IOptionsMonitor<AlertsOptions> options)
{
    public async Task SendAsync(ReportSchedule schedule, ReportRun run, string tenantName, CancellationToken cancellationToken)
    {
        var alerts = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(alerts.Email.Host) || string.IsNullOrWhiteSpace(alerts.Email.From))
            throw new AlertDeliveryException("E-mail is not configured: set Alerts:Email:Host and Alerts:Email:From (see README, Notifications).", permanent: true);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(alerts.Email.From));
        foreach (var recipient in schedule.Recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        var period = $"{run.FirstDay:yyyy-MM-dd} to {run.EndDay.AddDays(-1):yyyy-MM-dd}";
        message.Subject = $"[SpendOps] {schedule.Name}: chargeback {period}";
        message.MessageId = $"{run.Id:N}@spendops.reports";
        var body = new BodyBuilder
        {
            TextBody = $"Chargeback report \"{schedule.Name}\" for {tenantName}, {period}, grouped by {schedule.GroupBy}.\n\n"
                + $"Total: ${run.TotalUsd.ToString("0.00", CultureInfo.InvariantCulture)}\n"
                + $"Files: {string.Join(", ", run.Files.Select(f => f.FileName))}\n",
        };
        foreach (var file in run.Files)
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        message.Body = body.ToMessageBody();
        await EmailChannel.SendMessageAsync(alerts, message, cancellationToken);
    }
}
