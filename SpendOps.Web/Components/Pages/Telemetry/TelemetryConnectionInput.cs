using System.ComponentModel.DataAnnotations;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>The new-connection form.</summary>
public sealed class TelemetryConnectionInput
{
    [Required(ErrorMessage = "Name the connection, e.g. Claude Team.")]
    [StringLength(100, ErrorMessage = "The name must be at most 100 characters.")]
    public string Name { get; set; } = "";

    public TelemetrySource Source { get; set; } = TelemetrySource.ClaudeCode;
}
