using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>alerts test</c>: one test notification, sent now, recorded in the delivery log, with clear errors.</summary>
public sealed class AlertTestCommandTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private FakeUpstream receiver = null!;
    private CliRunner cli = null!;

    public async Task InitializeAsync()
    {
        receiver = await FakeUpstream.StartAsync();
        cli = new CliRunner(database);
        Assert.Equal(0, (await cli.RunAsync("tenants", "create", "acme")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AlertsTest_SlackRecipient_SendsNowAndRecordsTheDelivery()
    {
        var result = await cli.RunAsync("alerts", "test", "--tenant", "acme", "--to", $"slack:{receiver.BaseUrl}/services/T1/B1/secret-token");

        var delivery = await SingleDeliveryAsync();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Sent a test notification to slack:{receiver.BaseUrl}/… (delivery {delivery.Id}).\n", result.Output.ReplaceLineEndings("\n"));
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/services/T1/B1/secret-token", request.Path);
        Assert.Contains("Test notification from SpendOps for tenant \\u0022acme\\u0022", System.Text.Encoding.UTF8.GetString(request.Body));
        Assert.Equal((AlertDeliveryStatus.Sent, AlertKind.Test, 1), (delivery.Status, delivery.Kind, delivery.Attempts));
    }

    [Fact]
    public async Task AlertsTest_BadRecipient_IsAUsageError()
    {
        var result = await cli.RunAsync("alerts", "test", "--tenant", "acme", "--to", "sms:+15550100");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: --to: Invalid recipient 'sms:+15550100': write webhook:URL, slack:URL or email:ADDRESS.\n"
            + "usage: alerts test --tenant NAME --to webhook:URL|slack:URL|email:ADDRESS [--json]\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AlertsTest_EmailWithoutSmtp_FailsWithTheSettingToAdd()
    {
        var result = await cli.RunAsync("alerts", "test", "--tenant", "acme", "--to", "email:lead@example.com");

        var delivery = await SingleDeliveryAsync();
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: the test notification to email:lead@example.com was not delivered: E-mail is not configured: set Alerts:Email:Host and "
            + $"Alerts:Email:From (see README, Notifications). (delivery {delivery.Id})\n",
            result.Error.ReplaceLineEndings("\n"));
        Assert.Equal(AlertDeliveryStatus.Failed, delivery.Status);
    }

    private async Task<AlertDelivery> SingleDeliveryAsync()
    {
        await using var db = new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(database.ConnectionString).Options);
        return await db.AlertDeliveries.AsNoTracking().SingleAsync();
    }
}
