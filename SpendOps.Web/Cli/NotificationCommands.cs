using SpendOps.Core;
using SpendOps.Core.Alerts;

namespace SpendOps.Web.Cli;

/// <summary><c>alerts test</c>: send a test notification to one recipient now, as the portal's Notifications page does.</summary>
internal static class NotificationCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("alerts test", "alerts test --tenant NAME --to webhook:URL|slack:URL|email:ADDRESS [--json]", ["tenant", "to"], ["json"], TestAsync),
    ];

    private static async Task<int> TestAsync(CliContext context)
    {
        var to = context.Args.RequiredOption("to");
        if (!AlertRecipient.TryParse(to, out _, out var invalid))
            throw new CliUsageException($"--to: {invalid}");
        var tenant = await KeyCommands.FindTenantAsync(context, context.Args.RequiredOption("tenant"));
        var result = await context.Get<TestNotificationSender>().SendAsync(tenant.Id, to, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new { deliveryId = result.DeliveryId, recipient = result.Recipient.Display, status = result.Status, error = result.Error });
            return result.Delivered ? 0 : 1;
        }
        if (!result.Delivered)
            throw new DomainException($"the test notification to {result.Recipient.Display} was not delivered: {result.Error} (delivery {result.DeliveryId})");
        context.Out.WriteLine($"Sent a test notification to {result.Recipient.Display} (delivery {result.DeliveryId}).");
        return 0;
    }
}
