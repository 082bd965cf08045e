using System.ComponentModel.DataAnnotations;

namespace SpendOps.Web.Components.Pages.Notifications;

/// <summary>The "send a test notification" form.</summary>
public sealed class TestNotificationInput
{
    [Required(ErrorMessage = "Enter a recipient: webhook:URL, slack:URL or email:ADDRESS.")]
    [StringLength(2048)]
    [AlertRecipient]
    public string Recipient { get; set; } = "";
}
