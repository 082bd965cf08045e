namespace SpendOps.Core.Alerts;

/// <summary>
/// One notice on its way to one recipient: the outbox row the dispatch job claims, sends and retries, and the line the
/// portal's delivery log shows. The notice is stored whole, so a retry sends exactly what the first attempt sent.
/// </summary>
public sealed class AlertDelivery
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }

    /// <summary>The alert this delivers (<see cref="AlertNotice.AlertId"/>); shared by the deliveries to each recipient.</summary>
    public Guid AlertId { get; set; }

    /// <summary>As written by the admin (<see cref="AlertRecipient.ToString"/>), e.g. <c>email:lead@example.com</c>.</summary>
    public required string Recipient { get; set; }

    public AlertChannelKind Channel { get; set; }
    public AlertKind Kind { get; set; }
    public required string BudgetName { get; set; }

    /// <summary>The <see cref="AlertNotice"/> as JSON.</summary>
    public required string NoticeJson { get; set; }

    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    /// <summary>Attempts started so far, counted when a dispatcher claims the delivery.</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending delivery is due.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher that claimed the delivery, so only it can record the outcome.</summary>
    public Guid? LeaseId { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Why the latest failed attempt failed, as an admin can act on it; never a secret or a credential.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
