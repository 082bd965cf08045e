using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Components.Pages.Users;

/// <summary>The new-user form. Identity checks the password rules and the unique e-mail on save.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "Enter the person's e-mail address; it is also their user name.")]
    [EmailAddress(ErrorMessage = "This is not an e-mail address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [StringLength(100)]
    public string? DisplayName { get; set; }

    [Required]
    public string Role { get; set; } = Roles.Viewer;

    /// <summary>Empty: a password is generated and shown once.</summary>
    [StringLength(100, MinimumLength = 8, ErrorMessage = "Use at least 8 characters, or leave empty to generate one.")]
    public string? Password { get; set; }
}
