using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Alerts;

namespace SpendOps.Web.Components.Pages.Notifications;

/// <summary>A recipient as budgets and the CLI write it; the message is <see cref="AlertRecipient.TryParse"/>'s, so every place says the same.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AlertRecipientAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string { Length: > 0 } text || AlertRecipient.TryParse(text, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
}
